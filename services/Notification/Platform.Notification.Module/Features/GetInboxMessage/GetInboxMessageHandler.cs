using Platform.Notification.Module.Features.Inbox;
using DomainInbox = Platform.Notification.Module.Domain.InboxMessage;

namespace Platform.Notification.Module.Features.GetInboxMessage;

/// <summary>One message the caller may see, with its document's HTML (or the text as HTML) and the caller's receipt.</summary>
public sealed class GetInboxMessageHandler(NotificationDbContext db, NotificationAccess access, InboxReader inbox)
{
    public async Task<Contracts.Notification.V1.InboxMessage> HandleAsync(GetInboxMessageRequest request, CancellationToken cancellationToken)
    {
        var message = await inbox.FindVisibleAsync(request.MessageId, cancellationToken);
        var receipt = await db.ReadReceipts.AsNoTracking()
            .FirstOrDefaultAsync(r => r.MessageId == message.Id && r.UserId == access.Caller.Id, cancellationToken);
        var html = message.DocumentId is { } documentId
            ? await db.Documents.AsNoTracking().Where(d => d.Id == documentId).Select(d => d.Html).FirstOrDefaultAsync(cancellationToken)
            : null;
        return InboxReader.ToProto(message, receipt, html ?? PlainHtml(message));
    }

    private static string PlainHtml(DomainInbox message) =>
        "<article lang=\"zh-CN\"><h2>" + System.Net.WebUtility.HtmlEncode(message.Title) + "</h2>" +
        string.Concat(message.Body.Split('\n').Select(line => "<p>" + System.Net.WebUtility.HtmlEncode(line) + "</p>")) + "</article>";
}
