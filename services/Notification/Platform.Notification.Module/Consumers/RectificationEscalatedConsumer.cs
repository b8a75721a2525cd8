using Platform.Contracts.Events.Rectification;
using Platform.Notification.Module.Features.Documents;

namespace Platform.Notification.Module.Consumers;

/// <summary>An escalation step becomes its document (催办通知, 督办函, ...) or, for a reminder, an inbox message.</summary>
[WireName("notification.rectification_escalated_consumer.v1")]
public sealed class RectificationEscalatedConsumer(NotificationDbContext db, TimeProvider clock, EscalationDocuments documents)
    : IdempotentConsumer<RectificationEscalated, NotificationDbContext>(db, clock)
{
    protected override Task HandleAsync(RectificationEscalated message, ConsumeContext<RectificationEscalated> context) =>
        documents.IssueAsync(message, context.MessageId!.Value, context.CancellationToken);
}
