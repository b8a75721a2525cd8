using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Persistence;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// Wakes the <see cref="LinkDeliveryWorker"/> when a message was committed to a link's outbox, so it goes to the peer at
/// once instead of at the next <see cref="FederationOptions.PollInterval"/>. The poll stays as the safety net (a
/// link that failed, a row written by another replica or from outside the process).
/// </summary>
public sealed class LinkDeliverySignal : WakeSignal;

/// <summary>
/// Notifies the <see cref="LinkDeliverySignal"/> when a save that added link outbox rows commits. Latest-only
/// messages (<see cref="LinkOutbox.EnqueueLatestAsync"/>) do not wake it: they wait for the next round, so that
/// many changes to one task in a poll interval still send one message.
/// </summary>
public sealed class LinkDeliverySignalInterceptor(LinkDeliverySignal signal) : CommitSignalInterceptor(signal), IStoreInterceptor<FederationDbContext>
{
    protected override bool Concerns(DbContext context)
    {
        foreach (var entry in context.ChangeTracker.Entries<LinkOutboxMessage>())
        {
            if (entry.State == EntityState.Added)
            {
                return true;
            }
        }
        return false;
    }
}
