using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Kernel.Time;
using Platform.BuildingBlocks.Node;
using Platform.Contracts.Events.Assessment;
using Platform.Notification.Module.Features.Delivery;

namespace Platform.Notification.Module.Consumers;

/// <summary>A unit behind its yearly study minimum (学法) is reminded: a message to its liaison.</summary>
[WireName("notification.study_behind_consumer.v1")]
public sealed class StudyBehindConsumer(NotificationDbContext db, TimeProvider clock, OutgoingMessages outgoing, IOptions<NodeOptions> node)
    : IdempotentConsumer<StudyBehind, NotificationDbContext>(db, clock)
{
    protected override async Task HandleAsync(StudyBehind message, ConsumeContext<StudyBehind> context)
    {
        var title = $"学法提醒：{message.Year}年度学法进度滞后";
        var body = $"{message.UnitName}：截至{message.AsOf.ToChinese()}，本年度已开展学法{message.Held}次，按要求此时应不少于{message.ExpectedByNow}次"
            + $"（全年不少于{message.Required}次）。请抓紧安排学法，并及时录入学法记录。";
        var notification = NotificationMessage.Create(MessageKinds.Reminder, title, body, message.UnitId, new Audit("system", Clock.GetUtcNow(), node.Value.Id));
        await outgoing.QueueAsync(notification, [new Addressing(message.UnitId, Audiences.Liaison)], context.CancellationToken);
    }
}
