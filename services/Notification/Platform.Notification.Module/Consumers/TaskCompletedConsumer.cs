using Platform.Contracts.Events.Planning;
using Platform.Notification.Module.Features.Reminders;

namespace Platform.Notification.Module.Consumers;

/// <summary>A completed task ends the watches of all its assignments (lead and co-units).</summary>
[WireName("notification.task_completed_consumer.v1")]
public sealed class TaskCompletedConsumer(NotificationDbContext db, TimeProvider clock, DeadlineWatches watches)
    : IdempotentConsumer<TaskCompleted, NotificationDbContext>(db, clock)
{
    protected override Task HandleAsync(TaskCompleted message, ConsumeContext<TaskCompleted> context) =>
        watches.StopAllOfAsync(message.TaskId, context.CancellationToken);
}
