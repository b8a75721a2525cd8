using Platform.Contracts.Events.Rectification;
using Platform.Notification.Module.Features.Reminders;

namespace Platform.Notification.Module.Consumers;

/// <summary>A rectification item's deadline (限期整改) is watched from the day it opens.</summary>
[WireName("notification.rectification_item_opened_consumer.v1")]
public sealed class RectificationItemOpenedConsumer(NotificationDbContext db, TimeProvider clock, DeadlineWatches watches)
    : IdempotentConsumer<RectificationItemOpened, NotificationDbContext>(db, clock)
{
    protected override Task HandleAsync(RectificationItemOpened message, ConsumeContext<RectificationItemOpened> context) =>
        watches.WatchAsync(
            WatchSources.RectificationItem, message.ItemId, message.FindingId, message.UnitId, message.UnitName, message.Title, message.Deadline,
            context.CancellationToken);
}
