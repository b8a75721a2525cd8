namespace Platform.WebConsole.Assessment;

/// <summary>The API's codes of assessment (述法, 考评) as an office reads them.</summary>
public static class AssessmentText
{
    /// <summary>Roster states, as the office follows an entry.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Statuses =
    [
        ("due", "待述法"),
        ("submitted", "已提交待评"),
        ("sent_back", "已退回"),
        ("reviewed", "已评定"),
        ("excused", "免于述法"),
    ];

    /// <summary>Ratings, the best first.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Ratings =
    [
        ("excellent", "优秀"),
        ("good", "良好"),
        ("fair", "一般"),
        ("poor", "较差"),
    ];

    public static readonly IReadOnlyList<(string Code, string Name)> Levels =
    [
        ("province", "省级"),
        ("city", "市级"),
        ("county", "县级"),
        ("township", "乡镇（街道）"),
    ];

    public static readonly IReadOnlyList<(string Code, string Name)> PostKinds =
    [
        ("party_government_head", "党政主要负责人"),
        ("team_member", "班子成员"),
        ("department_head", "部门主要负责人"),
        ("township_head", "乡镇（街道）主要负责人"),
        ("enforcement_officer", "执法人员"),
        ("other", "其他"),
    ];

    /// <summary>How the dashboard groups (GetCampaignDashboard.group_by).</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> GroupBys =
    [
        ("level", "按层级"),
        ("post_kind", "按岗位类别"),
        ("unit", "按单位"),
    ];

    /// <summary>Event sources of derived leaves (考评指标的事件来源).</summary>
    private static readonly Dictionary<string, string> Sources = new(StringComparer.Ordinal)
    {
        ["tasks_on_time"] = "按时完成任务",
        ["tasks_late"] = "任务逾期",
        ["rectification_overdue"] = "整改逾期",
        ["rectification_escalated"] = "整改升级督办",
        ["look_back_failed"] = "回头看未通过",
        ["study_sessions"] = "学法活动",
        ["findings_general"] = "督察发现一般问题",
        ["findings_serious"] = "督察发现较重问题",
        ["findings_major"] = "督察发现严重问题",
    };

    public static string Status(string code) => Name(Statuses, code);

    public static string Rating(string code) => string.IsNullOrEmpty(code) ? "" : Name(Ratings, code);

    public static string Level(string code) => Name(Levels, code);

    public static string PostKind(string code) => Name(PostKinds, code);

    public static string Kind(string code) => code switch
    {
        "annual" => "年度述法",
        "topic" => "专题述法",
        _ => code,
    };

    public static string Source(string code) => Sources.GetValueOrDefault(code, code);

    /// <summary>A tag's colour for a roster state: what still needs someone's hand stands out.</summary>
    public static string StatusTag(string code) => code switch
    {
        "due" => "ant-tag ant-tag-orange",
        "sent_back" => "ant-tag ant-tag-red",
        "submitted" => "ant-tag ant-tag-blue",
        "reviewed" => "ant-tag ant-tag-green",
        _ => "ant-tag",
    };

    /// <summary>A dashboard row's name: the API's label (a unit's name), else the level's or kind of post's.</summary>
    public static string GroupLabel(string groupBy, string key, string label) =>
        !string.IsNullOrEmpty(label) ? label : groupBy switch
        {
            "level" => Level(key),
            "post_kind" => PostKind(key),
            _ => key,
        };

    /// <summary>The console's download of a duty report's file (the API decides who gets it).</summary>
    public static string AttachmentLink(string entryId, string attachmentId) =>
        Api.ConsoleDownloads.Link($"/api/assessment/v1/roster/{Uri.EscapeDataString(entryId)}/attachments/{Uri.EscapeDataString(attachmentId)}/content");

    /// <summary>A share as a whole percent (0 when there is nothing to share).</summary>
    public static int Percent(int part, int whole) =>
        whole <= 0 ? 0 : (int)Math.Round(Math.Clamp(part, 0, whole) * 100.0 / whole, MidpointRounding.AwayFromZero);

    internal static string Name(IReadOnlyList<(string Code, string Name)> names, string code) =>
        names.Where(n => n.Code == code).Select(n => n.Name).FirstOrDefault() ?? code;
}
