using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Platform.BuildingBlocks.Hosting;

namespace Platform.BuildingBlocks.Persistence;

/// <summary>
/// Notifies a <see cref="WakeSignal"/> when a save that wrote what its loop works on is committed: at once for a save
/// outside a transaction, at the commit for one inside (its rows are not visible before), never for one rolled back.
/// </summary>
public abstract class CommitSignalInterceptor(WakeSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly object Marker = new();

    // Contexts whose save in progress wrote what the loop works on.
    private readonly ConditionalWeakTable<DbContext, object> _saving = new();

    // Contexts whose open transaction holds such rows not yet committed.
    private readonly ConditionalWeakTable<DbContext, object> _pending = new();

    /// <summary>
    /// Whether the save about to run writes what the loop works on; called before the save, while the change tracker
    /// still shows what is added or modified.
    /// </summary>
    protected abstract bool Concerns(DbContext context);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Mark(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Mark(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        NotifyIfWritten(eventData.Context);
        return await base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        NotifyIfWritten(eventData.Context);
        return base.SavedChanges(eventData, result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        Unmark(eventData.Context);
        base.SaveChangesFailed(eventData);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Unmark(eventData.Context);
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => NotifyIfPending(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        NotifyIfPending(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Mark(DbContext? context)
    {
        if (context is not null && Concerns(context))
        {
            _saving.AddOrUpdate(context, Marker);
        }
    }

    private void Unmark(DbContext? context)
    {
        if (context is not null)
        {
            _saving.Remove(context);
        }
    }

    private void NotifyIfWritten(DbContext? context)
    {
        if (context is null || !_saving.Remove(context))
        {
            return;
        }
        // Inside an explicit transaction the rows are not visible until commit: remember, and wake the loop then.
        if (context.Database.CurrentTransaction is null)
        {
            signal.Notify();
        }
        else
        {
            _pending.AddOrUpdate(context, Marker);
        }
    }

    private void NotifyIfPending(DbContext? context)
    {
        if (context is not null && _pending.Remove(context))
        {
            signal.Notify();
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _saving.Remove(context);
            _pending.Remove(context);
        }
    }
}
