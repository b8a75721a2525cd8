using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Notification.V1;
using Platform.Notification.Module.Infrastructure;

namespace Platform.Notification.Module.Features.Inbox;

/// <summary>
/// A unit's inbox. The unit's own liaison and leader read it, and so does the office;
/// nobody reads another unit's inbox.
/// </summary>
public sealed class InboxFeature(NotificationDbContext db, AuditStamper audit)
{
    public async Task<ListInboxResponse> ListAsync(ListInboxRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var unitId = validator.Id("unit_id", request.UnitId);
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        validator.ThrowIfInvalid();

        var caller = audit.Caller;
        var ownUnit = caller.BelongsTo(unitId) && caller.IsInAnyRole(PlatformRoles.UnitLiaison, PlatformRoles.Leader);
        if (!ownUnit && !caller.IsInRole(PlatformRoles.OfficeStaff))
        {
            throw new PermissionDeniedException("Only the unit's own liaison or leader, or the office, may read this inbox.");
        }

        var (messages, next) = await db.InboxMessages.AsNoTracking()
            .Where(m => m.UnitId == unitId)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .ToPageAsync(page, cancellationToken);
        var response = new ListInboxResponse { NextPageToken = next };
        response.Messages.AddRange(messages.Select(m => new InboxMessage
        {
            Id = m.Id.ToString(),
            UnitId = m.UnitId.ToString(),
            Kind = m.Kind,
            Title = m.Title,
            Body = m.Body,
            SubjectId = m.SubjectId.ToString(),
            CreatedAt = m.CreatedAt.ToWire(),
        }));
        return response;
    }
}
