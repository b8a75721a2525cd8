using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Platform.BuildingBlocks.Federation;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.ServiceDefaults.Tests;

public sealed class ServiceDefaultsTests
{
    [Fact]
    public void Console_logs_carry_a_utc_timestamp()
    {
        using var app = Build(Environments.Production);

        var options = app.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;
        Assert.True(options.UseUtcTimestamp);
        Assert.False(string.IsNullOrEmpty(options.TimestampFormat));
    }

    [Fact]
    public void Development_console_logs_carry_a_timestamp_too()
    {
        using var app = Build(Environments.Development);

        var options = app.Services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue;
        Assert.False(string.IsNullOrEmpty(options.TimestampFormat));
    }

    [Fact]
    public async Task Runtime_metrics_are_exported_with_the_others()
    {
        using var collector = new OtlpCollector();
        var app = Build(Environments.Production, new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        _ = app.Services.GetRequiredService<MeterProvider>();
        // Disposing the host collects and exports the metrics once more.
        await app.DisposeAsync();

        var request = System.Text.Encoding.UTF8.GetString(await collector.NextAsync("/v1/metrics"));
        Assert.Contains(ServiceDefaults.RuntimeMeter, request);
        Assert.Contains("dotnet.assembly.count", request);
    }

    [Fact]
    public async Task The_federation_link_gauges_are_exported_with_the_others()
    {
        using var collector = new OtlpCollector();
        var app = Build(Environments.Production, new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        _ = app.Services.GetRequiredService<MeterProvider>();
        using var federation = new FederationMetrics();
        federation.Update([new LinkStatus(Guid.CreateVersion7(), "cc-county", "320602", LinkRole.Child, LinkState.Active, null, 7, TimeSpan.FromMinutes(3), 0)]);
        await app.DisposeAsync();

        var request = System.Text.Encoding.UTF8.GetString(await collector.NextAsync("/v1/metrics"));
        Assert.Contains(FederationMetrics.MeterName, request);
        Assert.Contains("platform.federation.link.backlog", request);
        Assert.Contains("platform.federation.link.oldest_age", request);
        Assert.Contains("platform.federation.link.state", request);
        Assert.Contains("cc-county", request);
    }

    [Fact]
    public void Every_platform_meter_is_added_to_the_metrics_pipeline()
    {
        // Each class of the building blocks that creates a meter names it in a MeterName constant.
        var meters = typeof(FederationMetrics).Assembly.GetTypes()
            .Select(t => t.GetField("MeterName", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            .Where(f => f is { IsLiteral: true })
            .Select(f => (string)f!.GetRawConstantValue()!)
            .ToList();

        Assert.Contains(FederationMetrics.MeterName, meters);
        Assert.All(meters, meter => Assert.Contains(meter, ServiceDefaults.PlatformMeters));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task Logs_are_exported_over_otlp_when_an_endpoint_is_configured(string environment)
    {
        using var collector = new OtlpCollector();
        var app = Build(environment, new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Test").LogWarning("Overdue scan found {Count} items", 3);
        // Disposing the host flushes the batching log exporter.
        await app.DisposeAsync();

        var request = await collector.NextAsync("/v1/logs");
        Assert.Contains("Overdue scan found 3 items", System.Text.Encoding.UTF8.GetString(request));
    }

    [Fact]
    public async Task Nothing_is_exported_without_an_endpoint()
    {
        using var collector = new OtlpCollector();
        var app = Build(Environments.Production);
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Test").LogWarning("not for the collector");
        await app.DisposeAsync();

        Assert.Equal(0, collector.Received);
    }

    private static WebApplication Build(string environment, Dictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.AddServiceDefaults();
        return builder.Build();
    }

    /// <summary>A loopback OTLP/HTTP receiver that records the bodies posted to it.</summary>
    private sealed class OtlpCollector : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly List<(string Path, byte[] Body)> _requests = [];
        private readonly SemaphoreSlim _arrived = new(0);

        public OtlpCollector()
        {
            var port = LoopbackPorts.Free();
            Endpoint = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Endpoint + "/");
            _listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public string Endpoint { get; }

        public int Received
        {
            get
            {
                lock (_requests)
                {
                    return _requests.Count;
                }
            }
        }

        public async Task<byte[]> NextAsync(string path)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (DateTime.UtcNow < deadline)
            {
                lock (_requests)
                {
                    var match = _requests.FirstOrDefault(r => r.Path == path);
                    if (match.Body is not null)
                    {
                        return match.Body;
                    }
                }

                await _arrived.WaitAsync(TimeSpan.FromSeconds(1));
            }

            throw new TimeoutException($"Nothing was posted to {path}.");
        }

        public void Dispose()
        {
            _listener.Close();
            _arrived.Dispose();
        }

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                lock (_requests)
                {
                    _requests.Add((context.Request.Url!.AbsolutePath, body.ToArray()));
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
                _arrived.Release();
            }
        }
    }
}
