using Platform.Notification.Module.Features.Inbox;

namespace Platform.Notification.Module.Features.ListInbox;

/// <summary>A unit's inbox: its liaison and leader each see the messages for their audience, the office every inbox.</summary>
public sealed class ListInboxHandler(NotificationDbContext db, NotificationAccess access, InboxReader inbox)
{
    public async Task<ListInboxResponse> HandleAsync(ListInboxRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var unitId = validator.Id("unit_id", request.UnitId);
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        var kind = validator.OptionalOneOf("kind", request.Kind, MessageKinds.All);
        validator.ThrowIfInvalid();
        access.RequireCanReadUnitInbox(unitId);

        var audiences = access.AudiencesFor(unitId);
        var query = db.InboxMessages.AsNoTracking().Where(m => m.UnitId == unitId && audiences.Contains(m.Audience));
        return await inbox.PageAsync(query, kind, request.UnreadOnly, page, cancellationToken);
    }
}
