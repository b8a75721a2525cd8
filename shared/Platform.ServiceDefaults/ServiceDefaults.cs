using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Platform.ServiceDefaults.Dapr;

namespace Platform.ServiceDefaults;

/// <summary>What every process of the platform has: health endpoints, telemetry, resilient HTTP clients.</summary>
public static class ServiceDefaults
{
    public const string LiveTag = "live";

    /// <summary>The meter the .NET runtime publishes its metrics on.</summary>
    public const string RuntimeMeter = "System.Runtime";

    /// <summary>
    /// The platform's own meters (each class that creates one names it in a <c>MeterName</c> constant): the resilience
    /// pipelines' retries and the federation links' backlog, oldest age and state. A meter not listed is never exported.
    /// </summary>
    public static readonly IReadOnlyList<string> PlatformMeters = ["Platform.Resilience", "Platform.Federation"];

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        RequireOneWayToListen(builder.Configuration);
        // First: with Dapr on, the secrets it reads are configuration every later step may need.
        builder.AddPlatformDapr();
        // Timestamps on every console line: a log read from `kubectl logs` or a journal has no other clock.
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        if (builder.Environment.IsDevelopment())
        {
            builder.Logging.ClearProviders().AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
            });
        }

        // After the console set-up: ClearProviders above would otherwise drop the OpenTelemetry logger.
        builder.Services.AddOpenTelemetry()
            .WithLogging(logging => { }, options =>
            {
                options.IncludeScopes = true;
                options.IncludeFormattedMessage = true;
            })
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, "MassTransit")
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                // The runtime's own meter (GC, thread pool, exceptions, memory) since .NET 9.
                .AddMeter(RuntimeMeter)
                .AddMeter("MassTransit")
                .AddMeter([.. PlatformMeters]));
        // Logs, traces and metrics all go to the collector when one is configured (standard OTEL_* settings).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        HostMain.AddDevelopmentWarning(builder.Services);
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        return builder;
    }

    /// <summary>
    /// /health: every check (database, broker, cache), for readiness; /alive: the process
    /// only, for liveness. Both answer in every environment and without a token, because
    /// probes need them in production most of all; but only the overall status, unless the
    /// <see cref="IHealthDetailGate"/> lets the caller see each check (outside Development:
    /// operators only), since the details name the node's databases and servers.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteReport }).AllowAnonymous();
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag), ResponseWriter = WriteStatus }).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Every process listens on Kestrel:Endpoints (one HTTP/1.1 and one HTTP/2 listener, each
    /// with its own URL and, for TLS, its certificate). Kestrel would silently ignore addresses
    /// given as ASPNETCORE_URLS or --urls beside them, and bind the defaults instead: refuse to
    /// start rather than listen somewhere the operator did not say.
    /// </summary>
    private static void RequireOneWayToListen(IConfiguration configuration)
    {
        var urls = configuration["urls"];
        if (!string.IsNullOrWhiteSpace(urls) && configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            throw new InvalidOperationException(
                $"ASPNETCORE_URLS / --urls ('{urls}') would be ignored: this process listens on Kestrel:Endpoints. " +
                "Set Kestrel:Endpoints:Http:Url and Kestrel:Endpoints:Grpc:Url (environment: Kestrel__Endpoints__Http__Url, …) instead.");
        }
    }

    private static bool MayReadDetail(HttpContext context) =>
        context.RequestServices.GetService<IHealthDetailGate>() is { } gate
            ? gate.MayReadDetail(context)
            : context.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment();

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive");

    private static Task WriteStatus(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new { status = report.Status.ToString() });

    private static Task WriteReport(HttpContext context, HealthReport report) =>
        !MayReadDetail(context) ? WriteStatus(context, report) : context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            durationMs = (int)report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
}

/// <summary>Decides who may read each health check's status and description; the host's auth setup registers it.</summary>
public interface IHealthDetailGate
{
    bool MayReadDetail(HttpContext context);
}
