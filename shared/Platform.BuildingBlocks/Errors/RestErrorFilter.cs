using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.BuildingBlocks.Errors;

/// <summary>
/// The platform's exceptions as HTTP answers for the plain HTTP endpoints (file downloads),
/// with the same status JSON transcoding gives for the same error on a gRPC endpoint.
/// </summary>
public sealed partial class RestErrorFilter(ILogger<RestErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            var error = ErrorClassifier.Classify(ex, callCancelled: false);
            if (error.Unexpected || error.Transient)
            {
                LogFailure(logger, ex, context.HttpContext.Request.Path);
            }
            if (error.Transient && !context.HttpContext.Response.HasStarted)
            {
                context.HttpContext.Response.Headers.RetryAfter = ErrorClassifier.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return error.Violations.Count > 0
                ? Results.ValidationProblem(
                    error.Violations.GroupBy(v => v.Field).ToDictionary(g => g.Key, g => g.Select(v => v.Description).ToArray()),
                    detail: error.Message)
                : Results.Problem(error.Message, statusCode: error.HttpStatus);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request to {Path} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string path);
}
