using Platform.Notification.Module.Features.NoticesDown;

namespace Platform.Notification.Module.Features.GetSentNotice;

/// <summary>One notice the office sent down, with its addressees' receipts (office staff only: whom the office wrote to is its business).</summary>
public sealed class GetSentNoticeHandler(NotificationDbContext db, NotificationAccess access)
{
    public async Task<Contracts.Notification.V1.SentNotice> HandleAsync(GetSentNoticeRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var id = validator.Id("notice_id", request.NoticeId);
        validator.ThrowIfInvalid();
        var notice = await db.SentNotices.AsNoTracking().Include(n => n.Recipients).FirstOrDefaultAsync(n => n.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Sent notice {id} does not exist.");
        return SentNoticeViews.ToProto(notice);
    }
}
