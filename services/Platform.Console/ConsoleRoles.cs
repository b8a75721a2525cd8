using Platform.BuildingBlocks.Auth;

namespace Platform.WebConsole;

/// <summary>
/// Which roles each group of console pages is for, in one place: the menu shows a page to these roles and the page's
/// <c>[Authorize(Roles = …)]</c> admits only them, so a role that opens a page's address gets 无权访问 rather than
/// a page whose actions the API would refuse it. (Comma-separated, as the attribute takes them.)
/// </summary>
public static class ConsoleRoles
{
    /// <summary>Read a whole plan (the office, and observers who export it); only the office issues and assigns.</summary>
    public const string PlanReaders = PlatformRoles.OfficeStaff + "," + PlatformRoles.Observer;

    /// <summary>A unit's own tasks: its liaison and its leader.</summary>
    public const string UnitPeople = PlatformRoles.UnitLiaison + "," + PlatformRoles.Leader;

    /// <summary>Read case material (missions, items, letters, the inbox); operators and auditors read none.</summary>
    public const string CaseReaders = PlatformRoles.OfficeStaff + "," + PlatformRoles.Observer + "," + PlatformRoles.Inspector
        + "," + PlatformRoles.UnitLiaison + "," + PlatformRoles.Leader;

    /// <summary>Read assessment (duty reports, scores, dossiers): the people of the units and those who assess them.</summary>
    public const string AssessmentReaders = PlatformRoles.OfficeStaff + "," + PlatformRoles.Observer + ","
        + PlatformRoles.UnitLiaison + "," + PlatformRoles.Leader;

    /// <summary>单位管理: the office keeps the units, the operator sets them up.</summary>
    public const string UnitKeepers = PlatformRoles.OfficeStaff + "," + PlatformRoles.NodeOperator;

    /// <summary>The roles of one of the groups above.</summary>
    public static string[] Of(string group) => group.Split(',');
}
