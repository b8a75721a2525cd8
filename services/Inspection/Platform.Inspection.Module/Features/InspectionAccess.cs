using Platform.BuildingBlocks.Auth;
using Finding = Platform.Inspection.Module.Domain.Finding;
using Mission = Platform.Inspection.Module.Domain.Mission;

namespace Platform.Inspection.Module.Features;

/// <summary>
/// Who may do what in inspection. The office plans and decides; inspectors work on their own
/// missions; observers read; a unit sees only its own findings, and only once they were fed back
/// to it (点对点、背靠背). Findings are case material: <see cref="CaseMaterialPolicy"/> decides who reads them,
/// as it does for everything rectification and notification derive from them.
/// </summary>
public sealed class InspectionAccess(AuditStamper audit)
{
    public PlatformUser Caller => audit.Caller;

    public Audit Now() => audit.Now();

    public string NodeId => audit.NodeId;

    /// <summary>Sees every mission and finding of the node: the office and the read-only observers.</summary>
    public bool SeesEverything => CaseMaterialPolicy.SeesEverything(Caller);

    public bool IsOffice => Caller.IsInRole(PlatformRoles.OfficeStaff);

    public bool IsUnitCaller => Caller.IsInAnyRole(PlatformRoles.UnitLiaison, PlatformRoles.Leader) && Caller.UnitId is not null;

    public void RequireOffice() => Caller.RequireAnyRole(PlatformRoles.OfficeStaff);

    public void RequireOperator() => Caller.RequireAnyRole(PlatformRoles.NodeOperator);

    /// <summary>Reading missions and the pool: everyone but operators, who run the node and see no inspection content.</summary>
    public void RequireReader() => Caller.RequireAnyRole(
        PlatformRoles.OfficeStaff, PlatformRoles.Observer, PlatformRoles.Inspector, PlatformRoles.UnitLiaison, PlatformRoles.Leader);

    /// <summary>Working on a mission (findings, questionnaires): the office or an inspector on its team.</summary>
    public void RequireMissionWorker(Mission mission)
    {
        if (IsOffice || (Caller.IsInRole(PlatformRoles.Inspector) && mission.IsOnTeam(Caller.Id)))
        {
            return;
        }
        throw new PermissionDeniedException("Only the office or an inspector on this mission's team may do this.");
    }

    /// <summary>Whether the caller may see the mission at all; units see missions that target them once notified.</summary>
    public bool CanSee(Mission mission)
    {
        if (SeesEverything || (Caller.IsInRole(PlatformRoles.Inspector) && mission.IsOnTeam(Caller.Id)))
        {
            return true;
        }
        return IsUnitCaller && mission.State != MissionStates.Planned && mission.TargetFor(Caller.UnitId!.Value) is not null;
    }

    /// <summary>Whether the caller may see the finding. A unit sees its own, fed-back findings only.</summary>
    public bool CanSee(Finding finding, Mission mission) => CaseMaterialPolicy.CanRead(
        Caller, new CaseFacts(finding.ResponsibleUnitId, finding.FeedbackId is not null, mission.IsOnTeam(Caller.Id)));

    /// <summary>
    /// The unit a finding list is restricted to: none for the office and observers; the caller's
    /// own unit for a unit; asking for another unit is refused.
    /// </summary>
    public Guid? VisibleUnitFilter(Guid? requested) => CaseMaterialPolicy.UnitFilter(Caller, requested);
}
