using Platform.Contracts.Events.Planning;
using Platform.Notification.Module.Features.Reminders;

namespace Platform.Notification.Module.Consumers;

/// <summary>Planning found the assignment overdue: the watch is scanned at once, which sends the overdue reminder if it is not out yet.</summary>
[WireName("notification.assignment_overdue_consumer.v1")]
public sealed class AssignmentOverdueConsumer(NotificationDbContext db, TimeProvider clock, DeadlineWatches watches)
    : IdempotentConsumer<AssignmentOverdue, NotificationDbContext>(db, clock)
{
    protected override Task HandleAsync(AssignmentOverdue message, ConsumeContext<AssignmentOverdue> context) =>
        watches.ScanSoonAsync(WatchSources.Assignment, message.AssignmentId, context.CancellationToken);
}
