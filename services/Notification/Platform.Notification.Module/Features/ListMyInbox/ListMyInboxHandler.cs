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
        var query = db.InboxMessages.AsNoTracking()
            .Where(m => (m.Audience == Audiences.User && m.UserId == me) || (unitId != null && m.UnitId == unitId && audiences.Contains(m.Audience))
                || (office && m.Audience == Audiences.Office));
        return await inbox.PageAsync(query, kind, request.UnreadOnly, page, cancellationToken);
    }
}
