using Platform.Notification.Module.Features.Inbox;
using Platform.Notification.Module.Features.NoticesDown;
using DomainReceipt = Platform.Notification.Module.Domain.ReadReceipt;

namespace Platform.Notification.Module.Features.MarkInboxMessageRead;

/// <summary>
/// Reading a message leaves a receipt: who, when. Idempotent: reading twice keeps the first receipt. The first read of
/// a notice from above goes back up to its sender (ADR 0022).
/// </summary>
public sealed class MarkInboxMessageReadHandler(NotificationDbContext db, NotificationAccess access, InboxReader inbox, TimeProvider clock, NoticeReceipts receipts)
{
    public async Task<Contracts.Notification.V1.ReadReceipt> HandleAsync(MarkInboxMessageReadRequest request, CancellationToken cancellationToken)
    {
        var message = await inbox.FindVisibleAsync(request.MessageId, cancellationToken);
        var caller = access.Caller;
        var existing = await db.ReadReceipts.AsNoTracking().FirstOrDefaultAsync(r => r.MessageId == message.Id && r.UserId == caller.Id, cancellationToken);
        if (existing is null)
        {
            existing = DomainReceipt.Create(message.Id, caller.Id, caller.Name, clock.GetUtcNow(), access.NodeId);
            db.ReadReceipts.Add(existing);
            await receipts.ReportFirstReadAsync(message, existing.ReadAt, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same user marked it read at the same moment from another window.
                db.ChangeTracker.Clear();
                existing = await db.ReadReceipts.AsNoTracking().FirstAsync(r => r.MessageId == message.Id && r.UserId == caller.Id, cancellationToken);
            }
        }
        return InboxReader.ToProto(existing);
    }
}
