using AntDesign;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Persistence;
using Platform.WebConsole.Accounts;
using Platform.WebConsole.Api;
using Platform.WebConsole.Components;
using Platform.WebConsole.Issuer;

namespace Platform.WebConsole;

/// <summary>Hosts the office console at <c>/</c>: in the embedded node and in the gateway.</summary>
public static class ConsoleSetup
{
    public static IHostApplicationBuilder AddPlatformConsole(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ConsoleOptions.SectionName).Get<ConsoleOptions>() ?? new ConsoleOptions();
        if (!options.Enabled)
        {
            return builder;
        }
        var external = builder.Configuration.GetSection(ExternalIssuerOptions.SectionName).Get<ExternalIssuerOptions>() ?? new ExternalIssuerOptions();
        builder.Services.AddOptions<ConsoleOptions>()
            .Bind(builder.Configuration.GetSection(ConsoleOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(
                o => o.PasswordHashIterations >= ConsoleOptions.DefaultPasswordHashIterations || builder.Environment.IsDevelopment(),
                $"Console:PasswordHashIterations: below {ConsoleOptions.DefaultPasswordHashIterations} only in the Development environment")
            .Validate(
                o => o.LocalAccounts || external.IsConfigured,
                "Console:LocalAccounts is false but Auth:ExternalIssuer:Authority is not set: nobody could sign in")
            .Validate(
                _ => !external.IsConfigured || !string.IsNullOrWhiteSpace(external.ClientId),
                "Auth:ExternalIssuer:ClientId must be set: the console signs people in at the external issuer as this client")
            .ValidateOnStart();
        builder.AddPlatformStore<AccountsDbContext, SqliteAccountsDbContext, PostgresAccountsDbContext>("consoledb");
        builder.Services.AddScoped<AccountService>();
        // The server-side sessions the cookie points to, and the short-lived API tokens minted from them (ADR 0021).
        builder.Services.AddMemoryCache();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Sessions.ConsoleSessions>();
        builder.Services.AddSingleton<Sessions.SessionTokens>();
        // Account changes go into the node's audit trail: consoledb is a store the edge seals and verifies (ADR 0011).
        builder.Services.AddHttpContextAccessor();
        builder.Services.TryAddSingleton<AuditRecorder>();
        builder.Services.TryAddSingleton<AuditEntryKey>();
        builder.Services.AddAuditedStore(AccountService.AuditStore);
        // After the store's migrator: hosted services start in the order they were added.
        if (options.LocalAccounts)
        {
            builder.Services.AddHostedService<FirstRunOperator>();
        }
        NodeIssuerSetup.AddNodeIssuer(builder.Services, options, external, IssuerAddress(builder.Configuration, options),
            IssuerKeys.Load(IssuerKeyPath(builder.Configuration, builder.Environment, options), options.CreateIssuerKeyFileIfMissing));

        if (builder is WebApplicationBuilder web)
        {
            // Run from build output in any environment (not only Development), the console's
            // styles and scripts are found through the static web assets manifest; a published
            // host has them in wwwroot and no manifest, and this does nothing.
            web.WebHost.UseStaticWebAssets();
        }
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        // An open page's clicks and keys count as use of its session (the idle timeout), like requests do.
        builder.Services.AddScoped<Sessions.CircuitActivity>();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, Sessions.CircuitActivityHandler>();
        builder.Services.AddAntDesign();
        builder.Services.AddCascadingAuthenticationState();
        // A second scheme beside the node's bearer tokens; only console pages use it, so a cookie never authenticates an API call.
        builder.Services.AddAuthentication().AddCookie(ConsoleSession.Scheme, cookie => ConsoleSession.Configure(cookie, options));
        builder.Services.AddAuthorizationBuilder().AddPolicy(ConsoleSession.Policy, policy =>
            policy.AddAuthenticationSchemes(ConsoleSession.Scheme).RequireAuthenticatedUser());

        var apiUrl = ApiAddress(builder.Configuration, options);
        builder.Services.AddSingleton(new ApiChannel(apiUrl));
        builder.Services.AddScoped<NodeApi>();
        builder.Services.AddScoped<Notification.UnreadMessages>();
        return builder;
    }

    public static WebApplication MapPlatformConsole(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<ConsoleOptions>>().Value.Enabled
            || app.Services.GetService<ApiChannel>() is null)
        {
            return app;
        }
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization(ConsoleSession.Policy);
        NodeIssuerSetup.MapNodeIssuer(app);
        app.MapPost("/signout", async (HttpContext context, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
        {
            // Only the console's own form signs out: a cross-site form post carries no valid antiforgery token.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest("退出登录的请求无效，请在控制台页面上点击“退出”。");
            }
            var issuer = context.User.FindFirst(ConsoleSession.IssuerClaim)?.Value;
            await ConsoleSession.SignOutAsync(context);
            // Signed in at the external issuer: its own session ends at its end-session endpoint, when it has one.
            var endSession = issuer == NodeIssuerSetup.ExternalRegistration ? await NodeIssuerSetup.ExternalEndSessionAsync(context) : null;
            return Results.Redirect(endSession ?? ConsoleSession.SignedOutPath);
        }).RequireAuthorization(ConsoleSession.Policy);
        app.MapConsoleDownloads();
        MapPageNotFound(app);
        return app;
    }

    /// <summary>
    /// An address that no page, file or API has: for a signed-in person's browser, the console's own 页面不存在 page
    /// (the router's NotFound, in the layout, with a way home) and the status 404 kept; not signed in, the sign-in
    /// flow as for any page. The API's paths and anything that is not a browser asking for a page keep the bare 404
    /// a client expects (and no redirect to a sign-in page).
    /// </summary>
    private static void MapPageNotFound(WebApplication app) =>
        app.MapFallback(async context =>
        {
            var request = context.Request;
            if (!HttpMethods.IsGet(request.Method) || request.Path.StartsWithSegments("/api")
                || !request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            var session = await context.AuthenticateAsync(ConsoleSession.Scheme);
            if (!session.Succeeded)
            {
                await context.ChallengeAsync(ConsoleSession.Scheme);
                return;
            }
            context.User = session.Principal;
            await new RazorComponentResult<App> { StatusCode = StatusCodes.Status404NotFound }.ExecuteAsync(context);
        });

    /// <summary>Console:ApiUrl, or the host's own gRPC listener (a wildcard host read as loopback).</summary>
    internal static string ApiAddress(IConfiguration configuration, ConsoleOptions options) =>
        Address(options.ApiUrl, "Console:ApiUrl", configuration["Kestrel:Endpoints:Grpc:Url"], "Kestrel:Endpoints:Grpc:Url", "the node's gRPC address").ToString().TrimEnd('/');

    /// <summary>Console:IssuerUrl, or the host's own HTTP listener, with the trailing slash an issuer's relative endpoints need.</summary>
    internal static Uri IssuerAddress(IConfiguration configuration, ConsoleOptions options)
    {
        var uri = Address(options.IssuerUrl, "Console:IssuerUrl", configuration["Kestrel:Endpoints:Http:Url"], "Kestrel:Endpoints:Http:Url", "the node's public address");
        return new Uri(uri.ToString().TrimEnd('/') + "/");
    }

    private static string IssuerKeyPath(IConfiguration configuration, IHostEnvironment environment, ConsoleOptions options)
    {
        var file = string.IsNullOrWhiteSpace(options.IssuerKeyFile)
            ? Path.Combine(configuration["Database:DataDirectory"] ?? "data", "keys", "oidc-issuer.pem")
            : options.IssuerKeyFile;
        // Relative to the content root, like the node's other key files.
        return Path.GetFullPath(file, environment.ContentRootPath);
    }

    private static Uri Address(string? url, string setting, string? fallback, string fallbackSetting, string what)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            url = fallback ?? throw new InvalidOperationException($"The console needs {setting} ({what}) when {fallbackSetting} is not set.");
        }
        if (!Uri.TryCreate(url.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal),
                UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException($"{setting} '{url}' is not an absolute URL.");
        }
        if (uri.Host is "0.0.0.0" or "[::]")
        {
            uri = new UriBuilder(uri) { Host = "localhost" }.Uri;
        }
        return uri;
    }
}
