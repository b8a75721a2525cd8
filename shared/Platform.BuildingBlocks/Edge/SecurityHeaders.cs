using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.BuildingBlocks.Edge;

/// <summary>Response headers a browser honours (section "Edge:SecurityHeaders").</summary>
public sealed class SecurityHeadersOptions
{
    public const string SectionName = "Edge:SecurityHeaders";

    /// <summary>
    /// Fits a future Blazor console served by the node itself: own scripts and WebAssembly,
    /// inline styles (Blazor's components emit them), same-origin connections (SignalR), no framing.
    /// </summary>
    public const string DefaultContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public string ContentSecurityPolicy { get; set; } = DefaultContentSecurityPolicy;

    public string ReferrerPolicy { get; set; } = "no-referrer";

    /// <summary>Strict-Transport-Security max-age, sent on HTTPS requests outside Development.</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);
}

/// <summary>Adds the security headers to every response of the edge (embedded node and gateway).</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<SecurityHeadersOptions> options, IHostEnvironment environment)
{
    public Task InvokeAsync(HttpContext context)
    {
        var settings = options.Value;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = settings.ContentSecurityPolicy;
        headers["Referrer-Policy"] = settings.ReferrerPolicy;
        // HSTS means nothing over plain HTTP, and pinning localhost to HTTPS would break development machines.
        if (context.Request.IsHttps && !environment.IsDevelopment() && settings.HstsMaxAge > TimeSpan.Zero)
        {
            headers.StrictTransportSecurity = $"max-age={(long)settings.HstsMaxAge.TotalSeconds}; includeSubDomains";
        }
        return next(context);
    }
}
