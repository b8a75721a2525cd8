using Platform.Contracts.Events.Rectification;
using Platform.Notification.Module.Features.Reminders;

namespace Platform.Notification.Module.Consumers;

[WireName("notification.rectification_verified_consumer.v1")]
public sealed class RectificationVerifiedConsumer(NotificationDbContext db, TimeProvider clock, DeadlineWatches watches)
    : IdempotentConsumer<RectificationVerified, NotificationDbContext>(db, clock)
{
    protected override Task HandleAsync(RectificationVerified message, ConsumeContext<RectificationVerified> context) =>
        watches.StopAsync(WatchSources.RectificationItem, message.ItemId, context.CancellationToken);
}
