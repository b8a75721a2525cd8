using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.BuildingBlocks.Persistence;

/// <summary>
/// One writer at a time per SQLite file, queued in the process instead of in SQLite. SQLite allows a
/// single writer; when a second one meets the lock, Microsoft.Data.Sqlite blocks its thread and
/// retries every 150 ms, so under load every collision costs 150 ms and a pool thread (issue 18:
/// p99 1.3 s at 154 reports/s). Here a writer that finds the file taken waits asynchronously and
/// starts the moment the previous one commits. Writes that bypass the gate (another process, a
/// connection with no file) still get SQLite's own locking, so the gate only ever saves time.
/// </summary>
public sealed class SqliteWriteGate
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _files = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<DbConnection, Holding> _held = new();

    /// <summary>
    /// How long a writer waits for the gate before going on without it (and meeting SQLite's busy
    /// handling, as before the gate): the same 30 s as a command's timeout, so a context that
    /// waits on another context of its own flow fails as it did before instead of hanging.
    /// </summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Takes the file's gate for this connection unless it already holds it; returns false when there is nothing to gate.</summary>
    internal async ValueTask<bool> EnterAsync(DbConnection connection, bool forCommand, CancellationToken cancellationToken)
    {
        if (GateToTake(connection) is not { } gate)
        {
            return false;
        }
        var entered = await gate.WaitAsync(MaxWait, cancellationToken).ConfigureAwait(false);
        _held.AddOrUpdate(connection, new Holding(entered ? gate : null, forCommand));
        return true;
    }

    internal bool Enter(DbConnection connection, bool forCommand)
    {
        if (GateToTake(connection) is not { } gate)
        {
            return false;
        }
        var entered = gate.Wait(MaxWait);
        _held.AddOrUpdate(connection, new Holding(entered ? gate : null, forCommand));
        return true;
    }

    /// <summary>The gate of the connection's file, unless there is no file or the connection already holds it.</summary>
    private SemaphoreSlim? GateToTake(DbConnection connection) =>
        FileOf(connection) is { } file && !_held.TryGetValue(connection, out _)
            ? _files.GetOrAdd(file, _ => new SemaphoreSlim(1, 1))
            : null;

    /// <summary>Gives the gate back if this connection holds it (for a single command: only if the command took it).</summary>
    internal void Leave(DbConnection connection, bool commandEnded)
    {
        if (!_held.TryGetValue(connection, out var holding) || (commandEnded && !holding.ForCommand))
        {
            return;
        }
        _held.Remove(connection);
        holding.Gate?.Release();
    }

    /// <summary>Whether a writer on this connection holds its file's gate (for tests).</summary>
    public bool IsHeldBy(DbConnection connection) => _held.TryGetValue(connection, out var holding) && holding.Gate is not null;

    private static string? FileOf(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite)
        {
            return null;
        }
        var source = sqlite.DataSource;
        // An in-memory database belongs to its connection (or to a shared cache of one test): nothing to queue.
        if (string.IsNullOrEmpty(source) || source == ":memory:" || sqlite.ConnectionString.Contains("Mode=Memory", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return Path.GetFullPath(source);
    }

    private sealed record Holding(SemaphoreSlim? Gate, bool ForCommand);
}

/// <summary>
/// Puts every write of a context on SQLite through <see cref="SqliteWriteGate"/>: a transaction holds
/// the gate from BEGIN to COMMIT or ROLLBACK (or its connection's closing, when a transaction is
/// disposed unfinished), and a statement run outside a transaction (ExecuteUpdate, ExecuteDelete, raw
/// SQL) holds it while it runs. Reads are not queued: WAL lets them run beside the writer.
/// </summary>
public sealed class SqliteWriteGateInterceptor(SqliteWriteGate gate) : DbTransactionInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor
{
    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        await gate.EnterAsync(connection, forCommand: false, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public override InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        gate.Enter(connection, forCommand: false);
        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Leave(eventData.Context);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData.Context);
        return Task.CompletedTask;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (command.Transaction is null && command.Connection is { } connection)
        {
            await gate.EnterAsync(connection, forCommand: true, cancellationToken).ConfigureAwait(false);
        }
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (command.Transaction is null && command.Connection is { } connection)
        {
            gate.Enter(connection, forCommand: true);
        }
        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        EndCommand(command);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        EndCommand(command);
        return ValueTask.FromResult(result);
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => EndCommand(command);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        EndCommand(command);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => EndCommand(command);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        EndCommand(command);
        return Task.CompletedTask;
    }

    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Leave(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Leave(connection);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult ConnectionDisposing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Leave(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionDisposingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Leave(connection);
        return ValueTask.FromResult(result);
    }

    private void EndCommand(DbCommand command)
    {
        if (command.Connection is { } connection)
        {
            gate.Leave(connection, commandEnded: true);
        }
    }

    private void Leave(DbConnection connection) => gate.Leave(connection, commandEnded: false);

    // The transaction's own Connection is cleared once it completes; the context still names the connection.
    private void Leave(DbContext? context)
    {
        if (context is not null)
        {
            Leave(context.Database.GetDbConnection());
        }
    }
}

/// <summary>
/// Per-connection settings SQLite does not keep in the file: how hard a commit waits for the disk
/// (<see cref="DatabaseOptions.SqliteSynchronous"/>). Run on every open; on a pooled connection it
/// costs one statement of a few microseconds.
/// </summary>
public sealed class SqliteConnectionSettingsInterceptor(SqliteSynchronous synchronous) : DbConnectionInterceptor
{
    private readonly string _pragma = $"PRAGMA synchronous={synchronous.ToString().ToUpperInvariant()};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        // SQLite runs synchronously anyway; the async path of Microsoft.Data.Sqlite only wraps it.
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection)
        {
            return;
        }
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }
}
