using Microsoft.AspNetCore.Http;

namespace Platform.BuildingBlocks.Auth;

/// <summary>How a refused credential is answered, in the caller's protocol, with the reason.</summary>
public static class Unauthenticated
{
    /// <summary>
    /// gRPC: status Unauthenticated with the reason as its message (a trailers-only response, which the client reads as
    /// such); REST: 401 with <c>{code, message}</c>. <paramref name="scheme"/> goes into <c>WWW-Authenticate</c>.
    /// </summary>
    public static async Task WriteAsync(HttpContext context, string scheme, string message)
    {
        var response = context.Response;
        response.Headers.WWWAuthenticate = scheme;
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/grpc";
            response.Headers["grpc-status"] = "16";
            response.Headers["grpc-message"] = Uri.EscapeDataString(message);
            return;
        }
        response.StatusCode = StatusCodes.Status401Unauthorized;
        await response.WriteAsJsonAsync(new { code = 16, message });
    }
}
