namespace Platform.WebConsole.Inspection;

/// <summary>The API's codes of inspection as an office reads them.</summary>
public static class InspectionText
{
    public static readonly IReadOnlyList<(string Code, string Name)> Kinds =
    [
        ("comprehensive", "全面督察"),
        ("special_topic", "专项督察"),
        ("on_site", "实地督察"),
        ("look_back", "回头看"),
    ];

    public static readonly IReadOnlyList<(string Code, string Name)> Methods =
    [
        ("reports_heard", "听取汇报"),
        ("site_visits", "实地查看"),
        ("file_checks", "查阅资料"),
        ("interviews", "个别谈话"),
        ("questionnaires", "问卷调查"),
    ];

    /// <summary>An inspector's fields of expertise (人才库的专业领域).</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Expertise =
    [
        ("legislation", "立法"),
        ("enforcement", "行政执法"),
        ("judiciary", "司法"),
        ("legal_services", "法律服务"),
        ("scholarship", "法学研究"),
    ];

    /// <summary>States in the order a mission passes them.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> States =
    [
        ("planned", "已计划"),
        ("notified", "已通知"),
        ("in_progress", "督察中"),
        ("reporting", "形成报告"),
        ("feedback_given", "已反馈"),
        ("closed", "已结束"),
    ];

    /// <summary>The button that moves a mission to a state.</summary>
    private static readonly Dictionary<string, string> Moves = new(StringComparer.Ordinal)
    {
        ["notified"] = "发出督察通知",
        ["in_progress"] = "进驻督察",
        ["reporting"] = "转入形成报告",
        ["feedback_given"] = "反馈完毕",
        ["closed"] = "结束任务",
    };

    public static string Kind(string code) => Name(Kinds, code);

    public static string Method(string code) => Name(Methods, code);

    public static string ExpertiseName(string code) => Name(Expertise, code);

    public static string State(string code) => Name(States, code);

    public static string Move(string toState) => Moves.GetValueOrDefault(toState, toState);

    /// <summary>Findings are recorded while the mission is in these states (the API refuses the others).</summary>
    public static bool RecordsFindings(string state) => state is "in_progress" or "reporting";

    private static string Name(IReadOnlyList<(string Code, string Name)> names, string code) =>
        names.Where(n => n.Code == code).Select(n => n.Name).FirstOrDefault() ?? code;
}
