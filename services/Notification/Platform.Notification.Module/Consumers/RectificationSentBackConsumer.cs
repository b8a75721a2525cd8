using Platform.Contracts.Events.Rectification;
using Platform.Notification.Module.Features.Reminders;

namespace Platform.Notification.Module.Consumers;

/// <summary>Sent back: the item is open again with a new deadline.</summary>
[WireName("notification.rectification_sent_back_consumer.v1")]
public sealed class RectificationSentBackConsumer(NotificationDbContext db, TimeProvider clock, DeadlineWatches watches)
    : IdempotentConsumer<RectificationSentBack, NotificationDbContext>(db, clock)
{
    protected override Task HandleAsync(RectificationSentBack message, ConsumeContext<RectificationSentBack> context) =>
        watches.WatchAsync(
            WatchSources.RectificationItem, message.ItemId, null, message.UnitId, message.UnitName, message.Title, message.NewDeadline,
            context.CancellationToken);
}
