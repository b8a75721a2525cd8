using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;
using Platform.BuildingBlocks.Resilience;

namespace Platform.BuildingBlocks.Persistence;

/// <summary>
/// Npgsql's retrying execution strategy, for queries only: a read outside a transaction that
/// meets a transient error (a connection reset or refused during a database blip) is run again
/// after a short pause, so a blip under a second stays invisible to the caller. Everything else
/// runs once, as without a strategy: a save or a set-based update might have committed before its
/// connection broke, and the services' explicit transactions (which keep read models in step with
/// their writes) cannot be replayed piecemeal; those answer Unavailable and the client repeats.
/// </summary>
public sealed partial class ReadRetryingExecutionStrategy(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, Delays.Length, Delays[^1], null)
{
    /// <summary>The pauses before each new attempt: 1.5 s in all, then the caller hears Unavailable.</summary>
    private static readonly TimeSpan[] Delays =
        [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(800)];

    public override TResult Execute<TState, TResult>(
        TState state, Func<DbContext, TState, TResult> operation, Func<DbContext, TState, ExecutionResult<TResult>>? verifySucceeded) =>
        IsRetriableRead(state)
            ? base.Execute(state, operation, verifySucceeded)
            : operation(Dependencies.CurrentContext.Context, state);

    public override Task<TResult> ExecuteAsync<TState, TResult>(
        TState state,
        Func<DbContext, TState, CancellationToken, Task<TResult>> operation,
        Func<DbContext, TState, CancellationToken, Task<ExecutionResult<TResult>>>? verifySucceeded,
        CancellationToken cancellationToken = default) =>
        IsRetriableRead(state)
            ? base.ExecuteAsync(state, operation, verifySucceeded, cancellationToken)
            : operation(Dependencies.CurrentContext.Context, state, cancellationToken);

    protected override TimeSpan? GetNextDelay(Exception lastException)
    {
        var attempt = ExceptionsEncountered.Count - 1;
        return attempt < Delays.Length ? Delays[attempt] : null;
    }

    protected override void OnRetry()
    {
        // The reset that broke this connection broke the pool's idle ones too: drop them, so the
        // next attempt opens a fresh connection instead of failing on another dead one.
        if (Dependencies.CurrentContext.Context.Database.GetDbConnection() is NpgsqlConnection connection)
        {
            NpgsqlConnection.ClearPool(connection);
        }
        ResilienceMetrics.Retry("database", "read");
        LogRetry(Dependencies.Logger.Logger, ExceptionsEncountered.Count, ExceptionsEncountered[^1].Message);
    }

    /// <summary>A query's reader (its enumerator is the state EF Core passes), outside any transaction.</summary>
    private bool IsRetriableRead<TState>(TState state) =>
        Dependencies.CurrentContext.Context.Database.CurrentTransaction is null &&
        state is not null &&
        (state is System.Collections.IEnumerator ||
         state.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncEnumerator<>)));

    [LoggerMessage(EventId = 9102, Level = LogLevel.Warning, Message = "Database read failed ({Error}); attempt {Attempt} of the retry, on a fresh connection")]
    private static partial void LogRetry(ILogger logger, int attempt, string error);
}
