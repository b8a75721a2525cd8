using Platform.Notification.Module.Features.Directory;

namespace Platform.Notification.Module.Features.ListContacts;

/// <summary>The contact directory, for the office and operators, by unit and role.</summary>
public sealed class ListContactsHandler(NotificationDbContext db, NotificationAccess access)
{
    public async Task<ListContactsResponse> HandleAsync(ListContactsRequest request, CancellationToken cancellationToken)
    {
        access.RequireOfficeOrOperator();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        Guid? unitId = string.IsNullOrWhiteSpace(request.UnitId) ? null : validator.Id("unit_id", request.UnitId);
        string? role = string.IsNullOrWhiteSpace(request.Role) ? null : validator.OneOf("role", request.Role, ContactRoles.All);
        validator.ThrowIfInvalid();
        var query = db.Contacts.AsNoTracking();
        if (unitId is not null)
        {
            query = query.Where(c => c.UnitId == unitId);
        }
        if (role is not null)
        {
            query = query.Where(c => c.Role == role);
        }
        var (contacts, next) = await query.OrderBy(c => c.Id).ToPageAsync(page, cancellationToken);
        var response = new ListContactsResponse { NextPageToken = next };
        response.Contacts.AddRange(contacts.Select(DirectoryMapping.ToProto));
        return response;
    }
}
