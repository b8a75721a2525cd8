using Platform.BuildingBlocks.Kernel.Time;
using Platform.Contracts.Events.Planning;
using Platform.Notification.Module.Features.Delivery;
using Platform.Notification.Module.Features.Reminders;

namespace Platform.Notification.Module.Consumers;

/// <summary>Tells a unit that a task was assigned to it (交办通知) and starts watching the deadline.</summary>
[WireName("notification.task_assigned_consumer.v1")]
public sealed class TaskAssignedConsumer(NotificationDbContext db, TimeProvider clock, OutgoingMessages outgoing, DeadlineWatches watches)
    : IdempotentConsumer<TaskAssigned, NotificationDbContext>(db, clock)
{
    public const string Kind = MessageKinds.TaskAssigned;

    protected override async Task HandleAsync(TaskAssigned message, ConsumeContext<TaskAssigned> context)
    {
        var title = $"任务交办：{message.TaskTitle}";
        var body = $"《{message.PlanTitle}》第{message.TaskNumber}项任务“{message.TaskTitle}”已交办{message.UnitName}，" +
                   $"请及时签收，并于{message.Deadline.ToChinese()}前办结、报送进展情况。";
        var notification = NotificationMessage.Create(Kind, title, body, message.TaskId, new Audit(message.AssignedBy, Clock.GetUtcNow(), message.NodeId));
        await outgoing.QueueAsync(notification, [new Addressing(message.UnitId, Audiences.All)], context.CancellationToken);
        await watches.WatchAsync(
            WatchSources.Assignment, message.AssignmentId, message.TaskId, message.UnitId, message.UnitName, message.TaskTitle, message.Deadline,
            context.CancellationToken);
    }
}
