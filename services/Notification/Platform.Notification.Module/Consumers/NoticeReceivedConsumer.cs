using Microsoft.Extensions.Logging;
using Platform.Contracts.Events.Federation;
using Platform.Contracts.Events.Notification;
using Platform.Notification.Module.Features.Delivery;
using Platform.Notification.Module.Features.NoticesDown;

namespace Platform.Notification.Module.Consumers;

/// <summary>
/// A notice from a node above becomes this node's own message in its addressees' inboxes (the units named, or the
/// office), with e-mail and SMS to the units' contacts as for any message; its delivery receipt goes back up in the
/// same transaction (ADR 0022). A named unit this node does not have (neither planning's unit nor a contact's) gets
/// nothing: the office gets the notice instead, and the receipt reports the unit as unknown_unit. A second copy of the
/// same notice adds nothing.
/// </summary>
[WireName("notification.notice_received_consumer.v1")]
public sealed class NoticeReceivedConsumer(NotificationDbContext db, TimeProvider clock, OutgoingMessages outgoing)
    : IdempotentConsumer<NoticeReceived, NotificationDbContext>(db, clock)
{
    protected override async Task HandleAsync(NoticeReceived m, ConsumeContext<NoticeReceived> context)
    {
        if (await Db.ReceivedNotices.AnyAsync(r => r.SenderNodeId == m.SenderNodeId && r.OriginNoticeId == m.NoticeId, context.CancellationToken))
        {
            return;
        }
        var now = Clock.GetUtcNow();
        var kind = NoticeKinds.MessageKind(m.Kind);
        var notification = NotificationMessage.Create(
            kind, $"{NoticeKinds.Name(m.Kind)}：{m.Title}", $"{m.Body}\n\n{m.SenderOffice}", m.NoticeId, new Audit(m.SenderNodeId, now, m.NodeId));
        var named = m.UnitIds.Distinct().ToList();
        var known = await KnownAsync(named, context.CancellationToken);
        var unknown = named.Where(u => !known.Contains(u)).ToList();
        var units = named.Where(known.Contains).ToList();
        // The office when no unit is named, or when a named unit is not one of this node's.
        var office = named.Count == 0 || unknown.Count > 0;
        var recipients = units.Select(u => new Addressing(u, m.Audience)).ToList();
        if (office)
        {
            recipients.Add(new Addressing(Guid.Empty, Audiences.Office));
        }
        await outgoing.QueueAsync(notification, recipients, context.CancellationToken);
        Db.ReceivedNotices.Add(ReceivedNotice.Receive(m.SenderNodeId, m.NoticeId, notification.Id, now));

        var names = await UnitNames.OfAsync(Db, units, context.CancellationToken);
        var addressees = units.Select(u => new NoticeAddressee(u, names.GetValueOrDefault(u, string.Empty))).ToList();
        if (office)
        {
            addressees.Add(new NoticeAddressee(null, string.Empty));
        }
        Db.AddIntegrationEvent(new NoticeReceiptRecorded(m.SenderNodeId, m.NoticeId, NoticeReceiptStatus.Delivered, addressees, now, now, m.NodeId)
        {
            UnknownUnits = unknown.Count > 0 ? unknown.Select(u => new NoticeAddressee(u, string.Empty)).ToList() : null,
        });
    }

    /// <summary>The units among <paramref name="unitIds"/> this node has: planning's units, or a contact's unit.</summary>
    private async Task<HashSet<Guid>> KnownAsync(List<Guid> unitIds, CancellationToken cancellationToken)
    {
        if (unitIds.Count == 0)
        {
            return [];
        }
        var known = await Db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        var contacts = await Db.Contacts.AsNoTracking().Where(c => c.UnitId != null && unitIds.Contains(c.UnitId.Value))
            .Select(c => c.UnitId!.Value).ToListAsync(cancellationToken);
        return [.. known, .. contacts];
    }
}

/// <summary>
/// A receipt from a node below updates the sent notice's row for that node and unit. It is kept only for a notice of this
/// node that went to the receipt's region (so through the child link it came up) and, there, to the unit it names or to
/// that node's office; anything else is dropped with a warning naming the child.
/// </summary>
[WireName("notification.notice_receipt_received_consumer.v1")]
public sealed partial class NoticeReceiptReceivedConsumer(NotificationDbContext db, TimeProvider clock, ILogger<NoticeReceiptReceivedConsumer> logger)
    : IdempotentConsumer<NoticeReceiptReceived, NotificationDbContext>(db, clock)
{
    protected override async Task HandleAsync(NoticeReceiptReceived m, ConsumeContext<NoticeReceiptReceived> context)
    {
        var via = m.ViaNodeId ?? m.ReceiverNodeId;
        var notice = await Db.SentNotices.Include(n => n.Recipients).FirstOrDefaultAsync(n => n.Id == m.NoticeId, context.CancellationToken);
        if (notice is null)
        {
            LogDropped(logger, m.NoticeId, via, m.ReceiverNodeId, "this node sent no notice with that id");
            return;
        }
        foreach (var addressee in m.Addressees)
        {
            if (notice.ReceiptProblem(m.ReceiverRegionCode, addressee.UnitId) is { } problem)
            {
                LogDropped(logger, m.NoticeId, via, m.ReceiverNodeId, problem);
                continue;
            }
            notice.Record(m.ReceiverNodeId, m.ReceiverRegionCode, m.Status, addressee.UnitId, addressee.UnitName, m.At);
        }
        foreach (var addressee in m.UnknownUnits ?? [])
        {
            if (addressee.UnitId is null || notice.ReceiptProblem(m.ReceiverRegionCode, addressee.UnitId) is not null)
            {
                LogDropped(logger, m.NoticeId, via, m.ReceiverNodeId, $"unit {addressee.UnitId} reported unknown was not addressed in region {m.ReceiverRegionCode}");
                continue;
            }
            notice.RecordUnknownUnit(m.ReceiverNodeId, m.ReceiverRegionCode, addressee.UnitId.Value, m.At);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A receipt for notice {NoticeId} from child {ViaNodeId} (node {ReceiverNodeId}) dropped: {Reason}")]
    private static partial void LogDropped(ILogger logger, Guid noticeId, string viaNodeId, string receiverNodeId, string reason);
}
