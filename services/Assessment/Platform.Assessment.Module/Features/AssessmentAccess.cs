using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Kernel.Time;

namespace Platform.Assessment.Module.Features;

/// <summary>
/// Who may do what in assessment: the office keeps the people and runs campaigns; observers (the
/// organisation department) read everything and change nothing; a unit's liaison and leader read
/// their own unit's people. People are personal data: the node operator and the auditor see none.
/// </summary>
public sealed class AssessmentAccess(AuditStamper audit)
{
    public PlatformUser Caller => audit.Caller;

    public Audit Now() => audit.Now();

    /// <summary>Today in China: the day "which unit is this person in" is asked for when deciding who may see them.</summary>
    public DateOnly Today() => audit.Now().At.DateInChina();

    public void RequireOffice() => Caller.RequireAnyRole(PlatformRoles.OfficeStaff);

    /// <summary>Reading the node's unit list: anyone who works on the node, as in planning.</summary>
    public void RequireUnitReader() => Caller.RequireAnyRole(
        PlatformRoles.OfficeStaff, PlatformRoles.Observer, PlatformRoles.NodeOperator, PlatformRoles.UnitLiaison, PlatformRoles.Leader, PlatformRoles.Inspector);

    /// <summary>Reading people: the office and observers, and a unit's liaison or leader (their own unit only).</summary>
    public void RequirePeopleReader() => Caller.RequireAnyRole(
        PlatformRoles.OfficeStaff, PlatformRoles.Observer, PlatformRoles.UnitLiaison, PlatformRoles.Leader);

    public bool SeesAllUnits => Caller.IsInAnyRole(PlatformRoles.OfficeStaff, PlatformRoles.Observer);

    public bool CanSee(Guid unitId) =>
        SeesAllUnits || (Caller.BelongsTo(unitId) && Caller.IsInAnyRole(PlatformRoles.UnitLiaison, PlatformRoles.Leader));

    /// <summary>The unit a list is restricted to: none (or the requested one) for the office, the caller's own otherwise.</summary>
    public Guid? VisibleUnitFilter(Guid? requested)
    {
        if (SeesAllUnits)
        {
            return requested;
        }
        var own = Caller.UnitId ?? throw new PermissionDeniedException("The token names no unit.");
        if (requested is { } other && other != own)
        {
            throw new PermissionDeniedException($"unit_id {other} is another unit's; a unit sees its own only.");
        }
        return own;
    }
}
