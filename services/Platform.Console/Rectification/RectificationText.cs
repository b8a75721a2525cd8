namespace Platform.WebConsole.Rectification;

/// <summary>The API's codes of rectification as an office reads them.</summary>
public static class RectificationText
{
    /// <summary>States in the order an item passes them.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> States =
    [
        ("open", "待报整改方案"),
        ("plan_submitted", "方案已报"),
        ("in_progress", "整改中"),
        ("completion_submitted", "待验收"),
        ("verified", "已销号"),
    ];

    /// <summary>Severities, the gravest first.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Severities =
    [
        ("severe", "严重"),
        ("serious", "较重"),
        ("general", "一般"),
    ];

    private static readonly Dictionary<string, string> Actions = new(StringComparer.Ordinal)
    {
        ["opened"] = "反馈立项",
        ["responsibility_assigned"] = "明确责任人",
        ["plan_submitted"] = "报送整改方案",
        ["progress_reported"] = "报送整改进展",
        ["completion_submitted"] = "报送整改完成",
        ["verified"] = "验收销号",
        ["sent_back"] = "退回重改",
        ["extension_requested"] = "申请延期",
        ["extension_approved"] = "同意延期",
        ["extension_refused"] = "不同意延期",
        ["overdue"] = "逾期",
        ["escalated"] = "升级督办",
        ["look_back_passed"] = "回头看通过",
        ["reopened"] = "重新整改",
    };

    /// <summary>The ladder's steps by their default names, for people the API does not show the ladder (a unit).</summary>
    private static readonly Dictionary<string, string> Steps = new(StringComparer.Ordinal)
    {
        ["reminder"] = "提醒",
        ["urge"] = "催办",
        ["supervision_letter"] = "督办函",
        ["interview"] = "约谈",
        ["listed_supervision"] = "挂牌督办",
        ["public_criticism"] = "通报批评",
        ["referral"] = "移送纪检监察",
    };

    public static string Step(string code) => Steps.GetValueOrDefault(code, code);

    public static string State(string code) => Name(States, code);

    public static string Severity(string code) => Name(Severities, code);

    public static string Action(string code) => Actions.GetValueOrDefault(code, code);

    public static string Extension(string status) => status switch
    {
        "pending" => "待审批",
        "approved" => "已同意",
        "refused" => "未同意",
        _ => status,
    };

    /// <summary>The Ant Design tag colour of a severity: red, orange, or none.</summary>
    public static string SeverityTag(string code) => code switch
    {
        "severe" => "ant-tag ant-tag-red",
        "serious" => "ant-tag ant-tag-orange",
        _ => "ant-tag",
    };

    private static string Name(IReadOnlyList<(string Code, string Name)> names, string code)
    {
        foreach (var (c, n) in names)
        {
            if (c == code)
            {
                return n;
            }
        }
        return code;
    }
}
