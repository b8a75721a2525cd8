using Platform.Contracts.Events.Inspection;
using Platform.Notification.Module.Features.Documents;

namespace Platform.Notification.Module.Consumers;

/// <summary>Each target unit of a mission gets its 督察通知.</summary>
[WireName("notification.mission_notified_consumer.v1")]
public sealed class MissionNotifiedConsumer(NotificationDbContext db, TimeProvider clock, EscalationDocuments documents)
    : IdempotentConsumer<MissionNotified, NotificationDbContext>(db, clock)
{
    protected override Task HandleAsync(MissionNotified message, ConsumeContext<MissionNotified> context) =>
        documents.IssueAsync(message, context.MessageId!.Value, context.CancellationToken);
}
