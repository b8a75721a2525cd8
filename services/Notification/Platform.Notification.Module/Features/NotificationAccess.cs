using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Persistence;
using Platform.Notification.Module.Domain;

namespace Platform.Notification.Module.Features;

/// <summary>
/// Who may do what in notification: a unit's people read their unit's inbox (each their
/// audience), anyone reads messages addressed to them, the office reads every inbox, and the
/// office and operators keep the directory, templates and deliveries.
/// </summary>
public sealed class NotificationAccess(AuditStamper audit)
{
    public PlatformUser Caller => audit.Caller;

    public Audit Now() => audit.Now();

    public string NodeId => audit.NodeId;

    public bool IsOffice => Caller.IsInRole(PlatformRoles.OfficeStaff);

    /// <summary>Directory, templates, deliveries, bulletins: office staff and node operators.</summary>
    public void RequireOfficeOrOperator() => Caller.RequireAnyRole(PlatformRoles.OfficeStaff, PlatformRoles.NodeOperator);

    /// <summary>The audiences of a unit's inbox the caller reads: none when the caller is not of that unit.</summary>
    public IReadOnlyList<string> AudiencesFor(Guid unitId)
    {
        if (IsOffice)
        {
            return [Audiences.All, Audiences.Liaison, Audiences.Leader];
        }
        if (!Caller.BelongsTo(unitId))
        {
            return [];
        }
        var audiences = new List<string>(3) { Audiences.All };
        if (Caller.IsInRole(PlatformRoles.UnitLiaison))
        {
            audiences.Add(Audiences.Liaison);
        }
        if (Caller.IsInRole(PlatformRoles.Leader))
        {
            audiences.Add(Audiences.Leader);
        }
        return audiences.Count > 1 ? audiences : [];
    }

    public void RequireCanReadUnitInbox(Guid unitId)
    {
        if (AudiencesFor(unitId).Count == 0)
        {
            throw new PermissionDeniedException("Only the unit's own liaison or leader, or the office, may read this inbox.");
        }
    }

    public bool CanSee(InboxMessage message) =>
        message.Audience == Audiences.User
            ? message.UserId == Caller.Id
            : AudiencesFor(message.UnitId).Contains(message.Audience);
}
