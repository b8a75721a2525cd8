using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Caching;

namespace Platform.BuildingBlocks.Edge;

/// <summary>
/// Limits each caller at the edge with a counter shared by every replica (Redis in the
/// distributed mode). A gRPC caller gets ResourceExhausted, a REST caller 429.
/// </summary>
public sealed partial class EdgeRateLimitMiddleware(
    RequestDelegate next,
    IRateCounter counter,
    IOptions<EdgeRateLimitOptions> options,
    ILogger<EdgeRateLimitMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var settings = options.Value;
        if (!settings.Enabled || IsProbe(context.Request.Path))
        {
            await next(context);
            return;
        }

        var caller = context.User.FindFirst(PlatformClaims.Subject)?.Value is { } subject
            ? "user:" + subject
            : "addr:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        long count;
        try
        {
            count = await counter.IncrementAsync(caller, settings.Window, context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A counter store outage must not take the node down with it: let the request through.
            LogCounterUnavailable(logger, ex);
            await next(context);
            return;
        }

        if (count <= settings.PermitLimit)
        {
            await next(context);
            return;
        }

        var retryAfter = ((int)Math.Ceiling(settings.Window.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.RetryAfter = retryAfter;
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = "8";
            context.Response.Headers["grpc-message"] = "Too many requests; retry after " + retryAfter + " s.";
            return;
        }
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await context.Response.WriteAsJsonAsync(new { code = 8, message = $"Too many requests; retry after {retryAfter} s." });
    }

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate-limit counter store unavailable; request let through")]
    private static partial void LogCounterUnavailable(ILogger logger, Exception exception);
}
