using Platform.BuildingBlocks.Grpc;
using DomainInbox = Platform.Notification.Module.Domain.InboxMessage;
using DomainReceipt = Platform.Notification.Module.Domain.ReadReceipt;

namespace Platform.Notification.Module.Features.Inbox;

/// <summary>
/// Inboxes and read receipts, shared by the inbox handlers. A unit's liaison and leader read their
/// unit's inbox (each the messages for their audience), a user reads what is addressed to them, and
/// the office reads every inbox; nobody reads another unit's inbox.
/// </summary>
public sealed class InboxReader(NotificationDbContext db, NotificationAccess access)
{
    internal Task<ListInboxResponse> PageAsync(
        IQueryable<DomainInbox> query, string? kind, bool unreadOnly, PageRequest page, CancellationToken cancellationToken) =>
        PageAsync([query], kind, unreadOnly, page, cancellationToken);

    /// <summary>
    /// A page, newest first, of the messages of several disjoint parts of the inboxes (the caller's
    /// own, their unit's, the office's). Each part is one indexed range (ADR 0026): it is read newest
    /// first only as far as the page reaches, and the parts are merged in the same query. One query
    /// with an OR of the parts would have to read and sort every inbox row instead.
    /// </summary>
    internal async Task<ListInboxResponse> PageAsync(
        IReadOnlyList<IQueryable<DomainInbox>> parts, string? kind, bool unreadOnly, PageRequest page, CancellationToken cancellationToken)
    {
        var me = access.Caller.Id;
        var reach = page.Offset + page.Size + 1;
        IQueryable<DomainInbox>? query = null;
        foreach (var part in parts)
        {
            var filtered = part;
            if (kind is not null)
            {
                filtered = filtered.Where(m => m.Kind == kind);
            }
            if (unreadOnly)
            {
                filtered = filtered.Where(m => !db.ReadReceipts.Any(r => r.MessageId == m.Id && r.UserId == me));
            }
            filtered = parts.Count == 1 ? filtered : filtered.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(reach);
            query = query is null ? filtered : query.Concat(filtered);
        }
        if (query is null)
        {
            return new ListInboxResponse();
        }
        var (messages, next) = await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).ToPageAsync(page, cancellationToken);
        var ids = messages.Select(m => m.Id).ToList();
        var receipts = await db.ReadReceipts.AsNoTracking()
            .Where(r => r.UserId == me && ids.Contains(r.MessageId))
            .ToDictionaryAsync(r => r.MessageId, cancellationToken);
        var response = new ListInboxResponse { NextPageToken = next };
        response.Messages.AddRange(messages.Select(m => ToProto(m, receipts.GetValueOrDefault(m.Id), null)));
        return response;
    }

    internal async Task<DomainInbox> FindVisibleAsync(string messageId, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var id = validator.Id("message_id", messageId);
        validator.ThrowIfInvalid();
        var message = await db.InboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Inbox message {id} does not exist.");
        if (!access.CanSee(message))
        {
            // Someone else's message: do not tell whether it exists.
            throw new NotFoundException($"Inbox message {id} does not exist.");
        }
        return message;
    }

    internal static Contracts.Notification.V1.InboxMessage ToProto(DomainInbox m, DomainReceipt? receipt, string? html) => new()
    {
        Id = m.Id.ToString(),
        UnitId = m.UnitId == Guid.Empty ? string.Empty : m.UnitId.ToString(),
        Kind = m.Kind,
        Title = m.Title,
        Body = m.Body,
        SubjectId = m.SubjectId.ToString(),
        CreatedAt = m.CreatedAt.ToWire(),
        Audience = m.Audience,
        UserId = m.UserId ?? string.Empty,
        Urgent = m.Urgent,
        DocumentId = m.DocumentId?.ToString() ?? string.Empty,
        Read = receipt is not null,
        ReadAt = receipt?.ReadAt.ToWire() ?? string.Empty,
        Html = html ?? string.Empty,
    };

    internal static Contracts.Notification.V1.ReadReceipt ToProto(DomainReceipt r) => new()
    {
        MessageId = r.MessageId.ToString(),
        UserId = r.UserId,
        UserName = r.UserName,
        ReadAt = r.ReadAt.ToWire(),
    };
}
