using Platform.Contracts.Events.Rectification;
using Platform.Notification.Module.Features.Reminders;

namespace Platform.Notification.Module.Consumers;

[WireName("notification.rectification_extension_approved_consumer.v1")]
public sealed class RectificationExtensionApprovedConsumer(NotificationDbContext db, TimeProvider clock, DeadlineWatches watches)
    : IdempotentConsumer<RectificationExtensionApproved, NotificationDbContext>(db, clock)
{
    protected override Task HandleAsync(RectificationExtensionApproved message, ConsumeContext<RectificationExtensionApproved> context) =>
        watches.MoveAsync(WatchSources.RectificationItem, message.ItemId, message.NewDeadline, context.CancellationToken);
}
