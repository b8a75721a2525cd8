using Platform.BuildingBlocks.Errors;

namespace Platform.BuildingBlocks.Auth;

/// <summary>How far a caller reaches into case material; a caller with several roles reaches the union.</summary>
[Flags]
public enum CaseReach
{
    /// <summary>Operators, auditors, a token without a case role: no case material at all.</summary>
    None = 0,

    /// <summary>Office staff and observers: every case of the node (services may narrow it by region).</summary>
    Everything = 1,

    /// <summary>An inspector: the cases of missions they are on the team of.</summary>
    TeamMissions = 2,

    /// <summary>A unit's liaison or leader: the unit's own cases, once fed back to it.</summary>
    OwnUnit = 4,
}

/// <summary>
/// The one rule for confidential case material: a finding and everything derived from it
/// (rectification items, their evidence and history, ledger rows, letters and urging notices,
/// inbox messages carrying feedback). Inspection, rectification and notification all ask here,
/// so an operator or an inspector off the mission is refused the same way in every service
/// (点对点、背靠背; operators run machines, not cases).
/// </summary>
public static class CaseMaterialPolicy
{
    public static CaseReach ReachOf(PlatformUser caller)
    {
        var reach = CaseReach.None;
        if (caller.IsInAnyRole(PlatformRoles.OfficeStaff, PlatformRoles.Observer))
        {
            reach |= CaseReach.Everything;
        }
        if (caller.IsInRole(PlatformRoles.Inspector))
        {
            reach |= CaseReach.TeamMissions;
        }
        if (caller.IsInAnyRole(PlatformRoles.UnitLiaison, PlatformRoles.Leader) && caller.UnitId is not null)
        {
            reach |= CaseReach.OwnUnit;
        }
        return reach;
    }

    public static bool SeesEverything(PlatformUser caller) => ReachOf(caller).HasFlag(CaseReach.Everything);

    /// <summary>Refuses a caller who reads no case material at all (PermissionDenied), before anything is looked up.</summary>
    public static CaseReach RequireReader(PlatformUser caller)
    {
        var reach = ReachOf(caller);
        return reach == CaseReach.None
            ? throw new PermissionDeniedException("Case material is read by the office, observers, the mission's inspectors and the unit concerned only.")
            : reach;
    }

    /// <summary>
    /// Whether the caller may read one piece of case material: the office and observers always, an
    /// inspector on the mission's team, the responsible unit once the finding was fed back to it.
    /// </summary>
    public static bool CanRead(PlatformUser caller, CaseFacts facts)
    {
        var reach = ReachOf(caller);
        return reach.HasFlag(CaseReach.Everything)
            || (reach.HasFlag(CaseReach.TeamMissions) && facts.CallerOnTeam)
            || (reach.HasFlag(CaseReach.OwnUnit) && facts.FedBack && caller.UnitId == facts.UnitId);
    }

    /// <summary>
    /// The unit a list of case material is restricted to: the requested one (or none) for callers who
    /// see everything, and for inspectors where the service narrows the list to their missions
    /// (<paramref name="byTeam"/>); the caller's own unit for a unit caller, who asking for another
    /// unit is refused (PermissionDenied). A service that keeps no mission teams passes
    /// <paramref name="byTeam"/> false, and an inspector there reads nothing.
    /// </summary>
    public static Guid? UnitFilter(PlatformUser caller, Guid? requested, bool byTeam = true)
    {
        var reach = RequireReader(caller);
        if (reach.HasFlag(CaseReach.Everything) || (byTeam && reach.HasFlag(CaseReach.TeamMissions)))
        {
            return requested;
        }
        if (!reach.HasFlag(CaseReach.OwnUnit))
        {
            throw new PermissionDeniedException("This case material is read by the office, observers and the unit concerned only.");
        }
        var own = caller.UnitId!.Value;
        if (requested is { } other && other != own)
        {
            throw new PermissionDeniedException("A unit sees its own case material only.");
        }
        return own;
    }
}

/// <summary>What the policy needs to know of one piece of case material.</summary>
/// <param name="UnitId">The responsible unit.</param>
/// <param name="FedBack">Whether the finding was fed back to that unit (always true for rectification and notification material).</param>
/// <param name="CallerOnTeam">Whether the caller is an inspector on the team of the mission it came from.</param>
public readonly record struct CaseFacts(Guid? UnitId, bool FedBack, bool CallerOnTeam);
