using Platform.Contracts.Events.Notification;
using DomainInbox = Platform.Notification.Module.Domain.InboxMessage;

namespace Platform.Notification.Module.Features.NoticesDown;

/// <summary>The read receipt of a notice from above, sent up once per addressee: when its first reader opens it.</summary>
public sealed class NoticeReceipts(NotificationDbContext db, NotificationAccess access)
{
    /// <summary>Adds, to the caller's unit of work, the receipt for the sender above when this is the message's first read.</summary>
    public async Task ReportFirstReadAsync(DomainInbox message, DateTimeOffset readAt, CancellationToken cancellationToken)
    {
        if (message.NotificationId is not { } notificationId || message.Audience == Audiences.User)
        {
            return;
        }
        var received = await db.ReceivedNotices.AsNoTracking().FirstOrDefaultAsync(r => r.NotificationId == notificationId, cancellationToken);
        if (received is null || await db.ReadReceipts.AnyAsync(r => r.MessageId == message.Id, cancellationToken))
        {
            return;
        }
        var office = message.Audience == Audiences.Office;
        var unitName = office
            ? string.Empty
            : (await UnitNames.OfAsync(db, [message.UnitId], cancellationToken)).GetValueOrDefault(message.UnitId, string.Empty);
        db.AddIntegrationEvent(new NoticeReceiptRecorded(
            received.SenderNodeId, received.OriginNoticeId, NoticeReceiptStatus.Read,
            [new NoticeAddressee(office ? null : message.UnitId, unitName)], readAt, readAt, access.NodeId));
    }
}
