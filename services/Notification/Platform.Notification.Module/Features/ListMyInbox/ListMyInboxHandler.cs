using Platform.Notification.Module.Features.Inbox;

namespace Platform.Notification.Module.Features.ListMyInbox;

/// <summary>What is addressed to the caller, their own unit's messages for their audience, and for office staff the office's.</summary>
public sealed class ListMyInboxHandler(NotificationDbContext db, NotificationAccess access, InboxReader inbox)
{
    public async Task<ListInboxResponse> HandleAsync(ListMyInboxRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        var kind = validator.OptionalOneOf("kind", request.Kind, MessageKinds.All);
        validator.ThrowIfInvalid();

        var me = access.Caller.Id;
        var unitId = access.Caller.UnitId;
        var audiences = unitId is { } own ? access.AudiencesFor(own) : [];
        // The office's own inbox: notices from above that named no unit (ADR 0022).
        var office = access.IsOffice;
        // Three disjoint parts (by audience), each served by its own index, instead of one OR that
        // no index serves (ADR 0026).
        var messages = db.InboxMessages.AsNoTracking();
        var parts = new List<IQueryable<Domain.InboxMessage>> { messages.Where(m => m.UserId == me && m.Audience == Audiences.User) };
        if (unitId is { } unit && audiences.Count > 0)
        {
            parts.Add(messages.Where(m => m.UnitId == unit && audiences.Contains(m.Audience)));
        }
        if (office)
        {
            parts.Add(messages.Where(m => m.Audience == Audiences.Office));
        }
        return await inbox.PageAsync(parts, kind, request.UnreadOnly, page, cancellationToken);
    }
}
