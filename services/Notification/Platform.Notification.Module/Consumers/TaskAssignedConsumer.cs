using MassTransit;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Outbox;
using Platform.Contracts.Events.Planning;
using Platform.Notification.Module.Domain;
using Platform.Notification.Module.Infrastructure;

namespace Platform.Notification.Module.Consumers;

/// <summary>Tells a unit that a task was assigned to it (交办通知).</summary>
public sealed class TaskAssignedConsumer(NotificationDbContext db, TimeProvider clock)
    : IdempotentConsumer<TaskAssigned, NotificationDbContext>(db, clock)
{
    public const string Kind = "task_assigned";

    protected override Task HandleAsync(TaskAssigned message, ConsumeContext<TaskAssigned> context)
    {
        var title = $"任务交办：{message.TaskTitle}";
        var body = $"《{message.PlanTitle}》第{message.TaskNumber}项任务“{message.TaskTitle}”已交办{message.UnitName}，" +
                   $"请及时签收，并于{message.Deadline.ToChinese()}前办结、报送进展情况。";
        Db.InboxMessages.Add(InboxMessage.Create(
            message.UnitId, Kind, title, body, message.TaskId, Clock.GetUtcNow(), message.NodeId));
        return Task.CompletedTask;
    }
}
