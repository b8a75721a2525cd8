using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Caching;

namespace Platform.BuildingBlocks.Edge;

/// <summary>
/// Limits each caller at the edge with a sliding window shared by every replica (Redis in the
/// distributed mode). A gRPC caller gets ResourceExhausted, a REST caller 429.
/// </summary>
public sealed partial class EdgeRateLimitMiddleware(
    RequestDelegate next,
    IRateLimitStore store,
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

        RateDecision decision = new(true, TimeSpan.Zero);
        try
        {
            foreach (var (bucket, limit) in Buckets(context, settings))
            {
                decision = await store.TryAcquireAsync(bucket, limit, settings.Window, context.RequestAborted);
                if (!decision.Allowed)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A counter store outage must not take the node down with it: let the request through.
            LogCounterUnavailable(logger, ex);
            await next(context);
            return;
        }

        if (decision.Allowed)
        {
            await next(context);
            return;
        }

        var retryAfter = Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
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

    /// <summary>
    /// The budgets a request spends, in order; the first refusal stops it. A token's subject;
    /// else, on the key paths only (the intake, the one place a key is valid), the per-address
    /// "keyed" budget (<see cref="EdgeRateLimitOptions.KeyedAddressLimitFactor"/> times the limit,
    /// so made-up keys cannot each get a fresh budget) and then the key's own, so an anonymous
    /// flood from the integrator's address or a shared proxy cannot lock it out and the secret is
    /// never stored; else the address (a key header elsewhere is ignored).
    /// </summary>
    public static IReadOnlyList<(string Bucket, int Limit)> Buckets(HttpContext context, EdgeRateLimitOptions settings)
    {
        var partition = Partition(context, settings);
        if (partition.StartsWith("key:", StringComparison.Ordinal))
        {
            var keyed = (long)settings.PermitLimit * settings.KeyedAddressLimitFactor;
            return [("keyed-addr:" + Address(context), (int)Math.Min(int.MaxValue, keyed)), (partition, settings.PermitLimit)];
        }
        return [(partition, settings.PermitLimit)];
    }

    /// <summary>Whose own budget a request spends: a token's subject; else an API key's hash on the key paths; else the address.</summary>
    public static string Partition(HttpContext context, EdgeRateLimitOptions settings)
    {
        if (context.User.FindFirst(PlatformClaims.Subject)?.Value is { } subject)
        {
            return "user:" + subject;
        }
        if (!string.IsNullOrEmpty(settings.KeyHeader)
            && IsKeyPath(context.Request.Path, settings)
            && context.Request.Headers[settings.KeyHeader].FirstOrDefault() is { Length: > 0 } key)
        {
            return "key:" + KeyHash(key);
        }
        return "addr:" + Address(context);
    }

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static bool IsKeyPath(PathString path, EdgeRateLimitOptions settings) =>
        settings.KeyPaths.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>The first 128 bits of the key's SHA-256, base64url: enough to tell keys apart, nothing to recover the secret from.</summary>
    public static string KeyHash(string key) =>
        Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(key))[..16]);

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate-limit counter store unavailable; request let through")]
    private static partial void LogCounterUnavailable(ILogger logger, Exception exception);
}
