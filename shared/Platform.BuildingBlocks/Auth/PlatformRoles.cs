namespace Platform.BuildingBlocks.Auth;

/// <summary>The roles a token can carry (claim "role", one claim per role).</summary>
public static class PlatformRoles
{
    /// <summary>Office staff who plan and supervise (办公室工作人员).</summary>
    public const string OfficeStaff = "office_staff";

    /// <summary>Inspectors from the pool (督察专员).</summary>
    public const string Inspector = "inspector";

    /// <summary>Liaison officer of a supervised unit (联络员).</summary>
    public const string UnitLiaison = "unit_liaison";

    /// <summary>Leader of a unit (主要负责人).</summary>
    public const string Leader = "leader";

    /// <summary>Read-only recipient such as the discipline-inspection commission (纪委监委).</summary>
    public const string Observer = "observer";

    /// <summary>Operator of the node: runs the machines, never reads case material.</summary>
    public const string NodeOperator = "node_operator";

    /// <summary>Auditor (审计): reads and exports the node's audit trail; nothing else.</summary>
    public const string Auditor = "auditor";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        OfficeStaff, Inspector, UnitLiaison, Leader, Observer, NodeOperator, Auditor,
    };
}

/// <summary>Claim types of platform tokens.</summary>
public static class PlatformClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Node = "node";
    public const string Region = "region";
    public const string Unit = "unit";
    public const string Role = "role";
}
