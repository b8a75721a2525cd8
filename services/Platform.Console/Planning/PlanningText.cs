namespace Platform.WebConsole.Planning;

/// <summary>The API's codes of planning as an office and a unit read them.</summary>
public static class PlanningText
{
    public static readonly IReadOnlyList<(string Code, string Name)> UnitKinds = [("government", "政府"), ("department", "部门")];

    public static readonly IReadOnlyList<(string Code, string Name)> ExtensionStatuses =
    [
        ("pending", "待审批"),
        ("approved", "已同意"),
        ("refused", "未同意"),
    ];

    public static string UnitKind(string code) => Name(UnitKinds, code);

    public static string ExtensionStatus(string code) => Name(ExtensionStatuses, code);

    private static string Name(IReadOnlyList<(string Code, string Name)> names, string code) =>
        names.Where(n => n.Code == code).Select(n => n.Name).FirstOrDefault() ?? code;
}
