using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Persistence;

namespace Platform.BuildingBlocks.Outbox;

/// <summary>Wakes the dispatcher of one context when new events were committed, so they go out at once instead of at the next poll.</summary>
public sealed class OutboxSignal<TContext> : WakeSignal;

/// <summary>
/// Wakes the dispatcher when a save of the context is committed: at once for a save
/// outside a transaction, at the commit for one inside (planning's saves run in their own
/// transaction, so before this their events waited for the next poll, up to PollInterval).
/// </summary>
public sealed class OutboxSignalInterceptor<TContext>(OutboxSignal<TContext> signal) : CommitSignalInterceptor(signal)
{
    // Every save: the domain-event interceptor runs first and adds its outbox rows in the same save.
    protected override bool Concerns(DbContext context) => true;
}
