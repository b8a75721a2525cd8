using Platform.Contracts.Events.Rectification;
using Platform.Notification.Module.Features.Reminders;

namespace Platform.Notification.Module.Consumers;

[WireName("notification.rectification_overdue_consumer.v1")]
public sealed class RectificationOverdueConsumer(NotificationDbContext db, TimeProvider clock, DeadlineWatches watches)
    : IdempotentConsumer<RectificationOverdue, NotificationDbContext>(db, clock)
{
    protected override Task HandleAsync(RectificationOverdue message, ConsumeContext<RectificationOverdue> context) =>
        watches.ScanSoonAsync(WatchSources.RectificationItem, message.ItemId, context.CancellationToken);
}
