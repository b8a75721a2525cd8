using Platform.Contracts.Events.Planning;
using Platform.Notification.Module.Features.Reminders;

namespace Platform.Notification.Module.Consumers;

/// <summary>An approved extension moves the assignment's deadline; reminders follow the new date.</summary>
[WireName("notification.extension_approved_consumer.v1")]
public sealed class ExtensionApprovedConsumer(NotificationDbContext db, TimeProvider clock, DeadlineWatches watches)
    : IdempotentConsumer<ExtensionApproved, NotificationDbContext>(db, clock)
{
    protected override Task HandleAsync(ExtensionApproved message, ConsumeContext<ExtensionApproved> context) =>
        watches.MoveAsync(WatchSources.Assignment, message.AssignmentId, message.NewDeadline, context.CancellationToken);
}
