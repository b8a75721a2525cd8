using Platform.Contracts.Events.Inspection;
using Platform.Notification.Module.Features.Delivery;

namespace Platform.Notification.Module.Consumers;

/// <summary>
/// Feedback is one to one and in confidence (点对点、背靠背): one inbox message to that unit only,
/// never by e-mail, SMS or webhook, and no copies.
/// </summary>
[WireName("notification.feedback_given_consumer.v1")]
public sealed class FeedbackGivenConsumer(NotificationDbContext db, TimeProvider clock, OutgoingMessages outgoing)
    : IdempotentConsumer<FeedbackGiven, NotificationDbContext>(db, clock)
{
    protected override Task HandleAsync(FeedbackGiven message, ConsumeContext<FeedbackGiven> context)
    {
        var lines = message.Findings.Select((f, i) => $"{i + 1}. {f.Title}（{SeverityText(f.Severity)}）：{f.Description}");
        var body = $"{message.UnitName}：现将“{message.MissionTitle}”督察发现的问题反馈如下，请严格保密，认真组织整改。\n" + string.Join("\n", lines);
        var notification = NotificationMessage.Create(
            MessageKinds.Feedback, $"督察反馈：{message.MissionTitle}", body, message.FeedbackId,
            new Audit(message.GivenBy, Clock.GetUtcNow(), message.NodeId));
        return outgoing.QueueAsync(notification, [new Addressing(message.UnitId, Audiences.All)], context.CancellationToken);
    }

    private static string SeverityText(string severity) => severity switch
    {
        "severe" => "严重",
        "serious" => "较重",
        _ => "一般",
    };
}
