using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Platform.BuildingBlocks.Errors;

/// <summary>What an exception means to a caller: the status, a message safe to show, and the bad fields.</summary>
public sealed record ClassifiedError(StatusCode Code, string Message, IReadOnlyList<FieldViolation> Violations)
{
    /// <summary>A failure the caller can do nothing about; log it in full.</summary>
    public bool Unexpected => Code == StatusCode.Internal;

    /// <summary>The database was busy or briefly unreachable; worth a warning, not an error.</summary>
    public bool Transient => Code == StatusCode.Unavailable;

    /// <summary>The HTTP status JSON transcoding gives for this gRPC status (google.rpc code mapping).</summary>
    public int HttpStatus => Code switch
    {
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => StatusCodes.Status400BadRequest,
        StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
        StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
        StatusCode.NotFound => StatusCodes.Status404NotFound,
        StatusCode.AlreadyExists or StatusCode.Aborted => StatusCodes.Status409Conflict,
        StatusCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
        StatusCode.Cancelled => 499,
        StatusCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}

/// <summary>
/// The one place that decides how the platform's exceptions reach a caller, for gRPC (and REST
/// through transcoding) and for the plain HTTP endpoints alike. A save that lost a race needs no
/// catch in the handler: a version conflict answers Aborted, a unique-key clash AlreadyExists.
/// </summary>
public static class ErrorClassifier
{
    public static ClassifiedError Classify(Exception exception, bool callCancelled) => exception switch
    {
        ValidationException validation => new(StatusCode.InvalidArgument, validation.Message, validation.Violations),
        NotFoundException => Simple(StatusCode.NotFound, exception.Message),
        AlreadyExistsException => Simple(StatusCode.AlreadyExists, exception.Message),
        PreconditionFailedException => Simple(StatusCode.FailedPrecondition, exception.Message),
        Kernel.Calendar.CalendarYearNotLoadedException => Simple(StatusCode.FailedPrecondition, exception.Message),
        PermissionDeniedException => Simple(StatusCode.PermissionDenied, exception.Message),
        Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException concurrency => DatabaseConflicts.ChangedMeanwhile(concurrency),
        Microsoft.EntityFrameworkCore.DbUpdateException update when DatabaseConflicts.IsUniqueKeyClash(update) => DatabaseConflicts.UniqueKeyClash(update),
        Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 } or Npgsql.NpgsqlException { IsTransient: true } =>
            Simple(StatusCode.Unavailable, "The node is busy; try again in a moment."),
        OperationCanceledException when callCancelled => Simple(StatusCode.Cancelled, "The call was cancelled."),
        _ => Simple(StatusCode.Internal, "An internal error occurred. It has been logged."),
    };

    private static ClassifiedError Simple(StatusCode code, string message) => new(code, message, []);
}
