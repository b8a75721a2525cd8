using Platform.Contracts.Events.Rectification;
using Platform.Notification.Module.Features.Reminders;

namespace Platform.Notification.Module.Consumers;

/// <summary>Reopened (for example by a look-back): watched again with the new deadline.</summary>
[WireName("notification.rectification_reopened_consumer.v1")]
public sealed class RectificationReopenedConsumer(NotificationDbContext db, TimeProvider clock, DeadlineWatches watches)
    : IdempotentConsumer<RectificationReopened, NotificationDbContext>(db, clock)
{
    protected override Task HandleAsync(RectificationReopened message, ConsumeContext<RectificationReopened> context) =>
        watches.WatchAsync(
            WatchSources.RectificationItem, message.ItemId, null, message.UnitId, message.UnitName, message.Title, message.NewDeadline,
            context.CancellationToken);
}
