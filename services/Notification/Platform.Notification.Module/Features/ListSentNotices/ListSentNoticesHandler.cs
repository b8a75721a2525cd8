using Platform.Notification.Module.Features.NoticesDown;

namespace Platform.Notification.Module.Features.ListSentNotices;

/// <summary>The notices the office sent down, newest first, each with its addressees' receipts.</summary>
public sealed class ListSentNoticesHandler(NotificationDbContext db, NotificationAccess access)
{
    public async Task<ListSentNoticesResponse> HandleAsync(ListSentNoticesRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        validator.ThrowIfInvalid();
        var (notices, next) = await db.SentNotices.AsNoTracking().Include(n => n.Recipients)
            .OrderByDescending(n => n.Created.At).ThenByDescending(n => n.Id).ToPageAsync(page, cancellationToken);
        var response = new ListSentNoticesResponse { NextPageToken = next };
        response.Notices.AddRange(notices.Select(SentNoticeViews.ToProto));
        return response;
    }
}
