using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Notification.V1;
using Platform.Notification.Module.Domain;
using Platform.Notification.Module.Infrastructure;
using DomainInbox = Platform.Notification.Module.Domain.InboxMessage;
using DomainReceipt = Platform.Notification.Module.Domain.ReadReceipt;

namespace Platform.Notification.Module.Features.Inbox;

/// <summary>
/// Inboxes and read receipts. A unit's liaison and leader read their unit's inbox (each the
/// messages for their audience), a user reads what is addressed to them, and the office reads
/// every inbox; nobody reads another unit's inbox. Reading a message leaves a receipt: who, when.
/// </summary>
public sealed class InboxFeature(NotificationDbContext db, NotificationAccess access, TimeProvider clock)
{
    public async Task<ListInboxResponse> ListAsync(ListInboxRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var unitId = validator.Id("unit_id", request.UnitId);
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        var kind = validator.OptionalOneOf("kind", request.Kind, MessageKinds.All);
        validator.ThrowIfInvalid();
        access.RequireCanReadUnitInbox(unitId);

        var audiences = access.AudiencesFor(unitId);
        var query = db.InboxMessages.AsNoTracking().Where(m => m.UnitId == unitId && audiences.Contains(m.Audience));
        return await PageAsync(query, kind, request.UnreadOnly, page, cancellationToken);
    }

    public async Task<ListInboxResponse> ListMineAsync(ListMyInboxRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        var kind = validator.OptionalOneOf("kind", request.Kind, MessageKinds.All);
        validator.ThrowIfInvalid();

        var me = access.Caller.Id;
        var unitId = access.Caller.UnitId;
        var audiences = unitId is { } own ? access.AudiencesFor(own) : [];
        var query = db.InboxMessages.AsNoTracking()
            .Where(m => (m.Audience == Audiences.User && m.UserId == me) || (unitId != null && m.UnitId == unitId && audiences.Contains(m.Audience)));
        return await PageAsync(query, kind, request.UnreadOnly, page, cancellationToken);
    }

    public async Task<Contracts.Notification.V1.InboxMessage> GetAsync(GetInboxMessageRequest request, CancellationToken cancellationToken)
    {
        var message = await FindVisibleAsync(request.MessageId, cancellationToken);
        var receipt = await db.ReadReceipts.AsNoTracking()
            .FirstOrDefaultAsync(r => r.MessageId == message.Id && r.UserId == access.Caller.Id, cancellationToken);
        var html = message.DocumentId is { } documentId
            ? await db.Documents.AsNoTracking().Where(d => d.Id == documentId).Select(d => d.Html).FirstOrDefaultAsync(cancellationToken)
            : null;
        return ToProto(message, receipt, html ?? PlainHtml(message));
    }

    /// <summary>Idempotent: reading twice keeps the first receipt.</summary>
    public async Task<Contracts.Notification.V1.ReadReceipt> MarkReadAsync(MarkInboxMessageReadRequest request, CancellationToken cancellationToken)
    {
        var message = await FindVisibleAsync(request.MessageId, cancellationToken);
        var caller = access.Caller;
        var existing = await db.ReadReceipts.AsNoTracking().FirstOrDefaultAsync(r => r.MessageId == message.Id && r.UserId == caller.Id, cancellationToken);
        if (existing is null)
        {
            existing = DomainReceipt.Create(message.Id, caller.Id, caller.Name, clock.GetUtcNow(), access.NodeId);
            db.ReadReceipts.Add(existing);
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
        return ToProto(existing);
    }

    public async Task<ListReadReceiptsResponse> ListReceiptsAsync(ListReadReceiptsRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        validator.ThrowIfInvalid();
        var message = await FindVisibleAsync(request.MessageId, cancellationToken);
        var (receipts, next) = await db.ReadReceipts.AsNoTracking()
            .Where(r => r.MessageId == message.Id)
            .OrderBy(r => r.ReadAt).ThenBy(r => r.UserId)
            .ToPageAsync(page, cancellationToken);
        var response = new ListReadReceiptsResponse { NextPageToken = next };
        response.Receipts.AddRange(receipts.Select(ToProto));
        return response;
    }

    private async Task<ListInboxResponse> PageAsync(
        IQueryable<DomainInbox> query, string? kind, bool unreadOnly, PageRequest page, CancellationToken cancellationToken)
    {
        var me = access.Caller.Id;
        if (kind is not null)
        {
            query = query.Where(m => m.Kind == kind);
        }
        if (unreadOnly)
        {
            query = query.Where(m => !db.ReadReceipts.Any(r => r.MessageId == m.Id && r.UserId == me));
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

    private async Task<DomainInbox> FindVisibleAsync(string messageId, CancellationToken cancellationToken)
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

    private static string PlainHtml(DomainInbox message) =>
        "<article lang=\"zh-CN\"><h2>" + System.Net.WebUtility.HtmlEncode(message.Title) + "</h2>" +
        string.Concat(message.Body.Split('\n').Select(line => "<p>" + System.Net.WebUtility.HtmlEncode(line) + "</p>")) + "</article>";

    private static Contracts.Notification.V1.InboxMessage ToProto(DomainInbox m, DomainReceipt? receipt, string? html) => new()
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

    private static Contracts.Notification.V1.ReadReceipt ToProto(DomainReceipt r) => new()
    {
        MessageId = r.MessageId.ToString(),
        UserId = r.UserId,
        UserName = r.UserName,
        ReadAt = r.ReadAt.ToWire(),
    };
}
