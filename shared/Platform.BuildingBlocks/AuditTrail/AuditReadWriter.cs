using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Persistence;

namespace Platform.BuildingBlocks.AuditTrail;

/// <summary>
/// Writes the read entries of one store, those of concurrent requests in one transaction (a group commit).
/// A read is answered only once its entry is committed, as before ("no entry, no data"); what changes is
/// that sixteen liaisons reading their inboxes at once wait for one commit, not sixteen in a row behind the
/// file's write gate, each with its wait for the disk (ADR 0026). While one batch is written the next
/// requests' entries gather, and the request that finds no batch being written starts the writing.
/// </summary>
public sealed class AuditReadWriter(IServiceScopeFactory scopes, string service)
{
    /// <summary>At most this many entries per transaction, so one commit stays short.</summary>
    internal const int MaxBatch = 256;

    private readonly object _gate = new();
    private List<Pending> _waiting = [];
    private bool _writing;

    /// <summary>Completes when the entry is committed; fails, and the caller gets no data, when it could not be.</summary>
    public Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var pending = new Pending(entry, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        bool start;
        lock (_gate)
        {
            _waiting.Add(pending);
            start = !_writing;
            _writing = true;
        }
        if (start)
        {
            // The batches belong to no request: the writer must not carry the first caller's context along.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(WriteWaitingAsync, CancellationToken.None);
            }
        }
        return pending.Committed.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteWaitingAsync()
    {
        while (true)
        {
            List<Pending> batch;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _writing = false;
                    return;
                }
                if (_waiting.Count <= MaxBatch)
                {
                    batch = _waiting;
                    _waiting = [];
                }
                else
                {
                    batch = _waiting.GetRange(0, MaxBatch);
                    _waiting.RemoveRange(0, MaxBatch);
                }
            }
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredKeyedService<PlatformDbContext>(AuditReadInterceptor.StoreKey(service));
                db.AuditEntries.AddRange(batch.Select(p => p.Entry));
                await db.SaveChangesAsync(CancellationToken.None);
                batch.ForEach(p => p.Committed.TrySetResult());
            }
            catch (Exception ex)
            {
                batch.ForEach(p => p.Committed.TrySetException(ex));
            }
        }
    }

    private sealed record Pending(AuditEntry Entry, TaskCompletionSource Committed);
}
