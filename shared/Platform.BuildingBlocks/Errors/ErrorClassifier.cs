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
        Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 } =>
            Simple(StatusCode.Unavailable, "The node is busy; try again in a moment."),
        OperationCanceledException when callCancelled => Simple(StatusCode.Cancelled, "The call was cancelled."),
        _ when DatabaseUnavailable(exception) => Simple(StatusCode.Unavailable, DatabaseUnavailableMessage),
        _ => Simple(StatusCode.Internal, "An internal error occurred. It has been logged."),
    };

    /// <summary>What a caller reads while the service's database is away; the answer also carries <see cref="RetryAfterSeconds"/>.</summary>
    public const string DatabaseUnavailableMessage = "The service's database is unavailable; try again in a few seconds.";

    /// <summary>The Retry-After (seconds) of an Unavailable answer: about how long a database restart or failover takes to be noticed.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>
    /// PostgreSQL cannot be reached or is going away (connection refused, shut down, too many
    /// connections), however the provider wraps it: Npgsql's execution strategy raises an
    /// InvalidOperationException around it, SaveChanges a DbUpdateException.
    /// </summary>
    public static bool DatabaseUnavailable(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                // 57P01-03: admin shutdown, crash shutdown, cannot connect now; 53300: too many connections; 08: connection exceptions.
                case Npgsql.PostgresException pg when pg.SqlState is "57P01" or "57P02" or "57P03" or "53300" || pg.SqlState.StartsWith("08", StringComparison.Ordinal):
                    return true;
                case Npgsql.PostgresException:
                    return false;
                case Npgsql.NpgsqlException { IsTransient: true }:
                    return true;
                case Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException:
                    return true;
            }
        }
        return false;
    }

    private static ClassifiedError Simple(StatusCode code, string message) => new(code, message, []);
}
