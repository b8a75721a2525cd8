using Platform.BuildingBlocks.Auth;

namespace Platform.Planning.Module.Features;

/// <summary>Who may do what in planning: the office plans and decides; a unit's own people accept and report.</summary>
public sealed class PlanningAccess(AuditStamper audit)
{
    public PlatformUser Caller => audit.Caller;

    public Audit Now() => audit.Now();

    public string NodeId => audit.NodeId;

    public bool IsOffice => Caller.IsInRole(PlatformRoles.OfficeStaff);

    public void RequireOffice() => Caller.RequireAnyRole(PlatformRoles.OfficeStaff);

    /// <summary>Reading plans and statistics: the office, observers and operators, and units (who then see their own work only).</summary>
    public void RequireReader() => Caller.RequireAnyRole(
        PlatformRoles.OfficeStaff, PlatformRoles.Observer, PlatformRoles.NodeOperator, PlatformRoles.UnitLiaison, PlatformRoles.Leader, PlatformRoles.Inspector);

    /// <summary>What concerns the node as a whole (tasks from above, the roll-up across nodes): office, observers and operators, no unit.</summary>
    public void RequireNodeWideReader(string what)
    {
        RequireReader();
        if (!SeesAllUnits)
        {
            throw new PermissionDeniedException($"{what} is for the office, observers and operators; a unit sees its own assignments.");
        }
    }

    /// <summary>Acting for a unit: its liaison or leader.</summary>
    public void RequireActingFor(Guid unitId)
    {
        if (!(Caller.BelongsTo(unitId) && Caller.IsInAnyRole(PlatformRoles.UnitLiaison, PlatformRoles.Leader)))
        {
            throw new PermissionDeniedException("Only the unit's own liaison or leader may do this.");
        }
    }

    /// <summary>The office, observers and operators see every unit's work, figures and contacts.</summary>
    public bool SeesAllUnits => Caller.IsInAnyRole(PlatformRoles.OfficeStaff, PlatformRoles.Observer, PlatformRoles.NodeOperator);

    /// <summary>Seeing a unit's work: the office and observers see all units, a unit's people their own.</summary>
    public bool CanSee(Guid unitId) => SeesAllUnits || Caller.BelongsTo(unitId);

    /// <summary>The unit a list is restricted to: none for the office, the caller's own unit otherwise.</summary>
    public Guid? VisibleUnitFilter(Guid? requested)
    {
        if (SeesAllUnits)
        {
            return requested;
        }
        var own = Caller.UnitId ?? throw new PermissionDeniedException("The token names no unit.");
        if (requested is { } other && other != own)
        {
            throw new PermissionDeniedException("A unit sees its own assignments and reports only.");
        }
        return own;
    }
}
