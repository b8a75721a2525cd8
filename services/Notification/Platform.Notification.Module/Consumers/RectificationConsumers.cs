using MassTransit;
using Platform.BuildingBlocks.Outbox;
using Platform.Contracts.Events;
using Platform.Contracts.Events.Rectification;
using Platform.Notification.Module.Domain;
using Platform.Notification.Module.Features.Documents;
using Platform.Notification.Module.Features.Reminders;
using Platform.Notification.Module.Infrastructure;

namespace Platform.Notification.Module.Consumers;

/// <summary>A rectification item's deadline (限期整改) is watched from the day it opens.</summary>
[WireName("notification.rectification_item_opened_consumer.v1")]
public sealed class RectificationItemOpenedConsumer(NotificationDbContext db, TimeProvider clock, DeadlineWatches watches)
    : IdempotentConsumer<RectificationItemOpened, NotificationDbContext>(db, clock)
{
    protected override Task HandleAsync(RectificationItemOpened message, ConsumeContext<RectificationItemOpened> context) =>
        watches.WatchAsync(
            WatchSources.RectificationItem, message.ItemId, message.FindingId, message.UnitId, message.UnitName, message.Title, message.Deadline,
            context.CancellationToken);
}

[WireName("notification.rectification_extension_approved_consumer.v1")]
public sealed class RectificationExtensionApprovedConsumer(NotificationDbContext db, TimeProvider clock, DeadlineWatches watches)
    : IdempotentConsumer<RectificationExtensionApproved, NotificationDbContext>(db, clock)
{
    protected override Task HandleAsync(RectificationExtensionApproved message, ConsumeContext<RectificationExtensionApproved> context) =>
        watches.MoveAsync(WatchSources.RectificationItem, message.ItemId, message.NewDeadline, context.CancellationToken);
}

/// <summary>Sent back: the item is open again with a new deadline.</summary>
[WireName("notification.rectification_sent_back_consumer.v1")]
public sealed class RectificationSentBackConsumer(NotificationDbContext db, TimeProvider clock, DeadlineWatches watches)
    : IdempotentConsumer<RectificationSentBack, NotificationDbContext>(db, clock)
{
    protected override Task HandleAsync(RectificationSentBack message, ConsumeContext<RectificationSentBack> context) =>
        watches.WatchAsync(
            WatchSources.RectificationItem, message.ItemId, null, message.UnitId, message.UnitName, message.Title, message.NewDeadline,
            context.CancellationToken);
}

/// <summary>Reopened (for example by a look-back): watched again with the new deadline.</summary>
[WireName("notification.rectification_reopened_consumer.v1")]
public sealed class RectificationReopenedConsumer(NotificationDbContext db, TimeProvider clock, DeadlineWatches watches)
    : IdempotentConsumer<RectificationReopened, NotificationDbContext>(db, clock)
{
    protected override Task HandleAsync(RectificationReopened message, ConsumeContext<RectificationReopened> context) =>
        watches.WatchAsync(
            WatchSources.RectificationItem, message.ItemId, null, message.UnitId, message.UnitName, message.Title, message.NewDeadline,
            context.CancellationToken);
}

[WireName("notification.rectification_verified_consumer.v1")]
public sealed class RectificationVerifiedConsumer(NotificationDbContext db, TimeProvider clock, DeadlineWatches watches)
    : IdempotentConsumer<RectificationVerified, NotificationDbContext>(db, clock)
{
    protected override Task HandleAsync(RectificationVerified message, ConsumeContext<RectificationVerified> context) =>
        watches.StopAsync(WatchSources.RectificationItem, message.ItemId, context.CancellationToken);
}

[WireName("notification.rectification_overdue_consumer.v1")]
public sealed class RectificationOverdueConsumer(NotificationDbContext db, TimeProvider clock, DeadlineWatches watches)
    : IdempotentConsumer<RectificationOverdue, NotificationDbContext>(db, clock)
{
    protected override Task HandleAsync(RectificationOverdue message, ConsumeContext<RectificationOverdue> context) =>
        watches.ScanSoonAsync(WatchSources.RectificationItem, message.ItemId, context.CancellationToken);
}

/// <summary>An escalation step becomes its document (催办通知, 督办函, ...) or, for a reminder, an inbox message.</summary>
[WireName("notification.rectification_escalated_consumer.v1")]
public sealed class RectificationEscalatedConsumer(NotificationDbContext db, TimeProvider clock, EscalationDocuments documents)
    : IdempotentConsumer<RectificationEscalated, NotificationDbContext>(db, clock)
{
    protected override Task HandleAsync(RectificationEscalated message, ConsumeContext<RectificationEscalated> context) =>
        documents.IssueAsync(message, context.MessageId!.Value, context.CancellationToken);
}
