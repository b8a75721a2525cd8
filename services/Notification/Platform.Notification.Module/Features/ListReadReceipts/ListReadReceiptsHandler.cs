using Platform.Notification.Module.Features.Inbox;

namespace Platform.Notification.Module.Features.ListReadReceipts;

/// <summary>Who read a message the caller may see, and when.</summary>
public sealed class ListReadReceiptsHandler(NotificationDbContext db, InboxReader inbox)
{
    public async Task<ListReadReceiptsResponse> HandleAsync(ListReadReceiptsRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        validator.ThrowIfInvalid();
        var message = await inbox.FindVisibleAsync(request.MessageId, cancellationToken);
        var (receipts, next) = await db.ReadReceipts.AsNoTracking()
            .Where(r => r.MessageId == message.Id)
            .OrderBy(r => r.ReadAt).ThenBy(r => r.UserId)
            .ToPageAsync(page, cancellationToken);
        var response = new ListReadReceiptsResponse { NextPageToken = next };
        response.Receipts.AddRange(receipts.Select(InboxReader.ToProto));
        return response;
    }
}
