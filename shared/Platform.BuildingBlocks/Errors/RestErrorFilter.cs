using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.BuildingBlocks.Errors;

/// <summary>
/// The platform's exceptions as HTTP answers for the few plain HTTP endpoints (file downloads),
/// matching what JSON transcoding gives for the same errors on the gRPC endpoints.
/// </summary>
public sealed partial class RestErrorFilter(ILogger<RestErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ValidationException ex)
        {
            return Results.ValidationProblem(
                ex.Violations.GroupBy(v => v.Field).ToDictionary(g => g.Key, g => g.Select(v => v.Description).ToArray()),
                detail: ex.Message);
        }
        catch (NotFoundException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound);
        }
        catch (PermissionDeniedException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status403Forbidden);
        }
        catch (Exception ex) when (ex is AlreadyExistsException or PreconditionFailedException)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogUnexpected(logger, ex, context.HttpContext.Request.Path);
            return Results.Problem("An internal error occurred. It has been logged.", statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error in {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string path);
}
