using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.WebConsole.Assessment;

/// <summary>The API's codes of study and qualification (学法、培训、考试、执法证) as an office reads them.</summary>
public static partial class QualificationText
{
    /// <summary>Kinds of study session (RecordStudySession.kind).</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> StudyKinds =
    [
        ("executive_meeting", "常务会议学法"),
        ("theory_group", "理论学习中心组学法"),
        ("lecture", "法治讲座"),
        ("other", "其他学法"),
    ];

    /// <summary>Kinds of law exam (RecordExamResult.kind).</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> ExamKinds =
    [
        ("pre_appointment", "任前法律考试"),
        ("annual", "年度学法考试"),
    ];

    public static string StudyKind(string code) => AssessmentText.Name(StudyKinds, code);

    public static string ExamKind(string code) => AssessmentText.Name(ExamKinds, code);

    /// <summary>What counts toward a unit's minimum (StudyStanding.counts).</summary>
    public static string Counts(string code) => code switch
    {
        "executive_meeting" => "常务会议学法",
        "any" => "各类学法",
        "" => "—",
        _ => StudyKind(code),
    };

    /// <summary>A credential's recorded state (the state on a given day is MayEnforce's answer).</summary>
    public static string CredentialStatus(string code) => code switch
    {
        "active" => "有效",
        "suspended" => "暂扣",
        "revoked" => "吊销",
        _ => code,
    };

    /// <summary>
    /// MayEnforce's reason in Chinese with 公文-style dates ("credential X is suspended from 2026-03-01 until further
    /// notice: 涉嫌违法" → "执法证 X 自2026年3月1日起暂扣，至另行通知：涉嫌违法"); a reason of another shape as given.
    /// </summary>
    public static string EnforcementReason(string reason)
    {
        if (reason == "no credential")
        {
            return "无执法证";
        }
        if (LeftOn().Match(reason) is { Success: true } left)
        {
            return $"已于{ChinaTime.Date(left.Groups["on"].Value)}离任";
        }
        if (ValidUntil().Match(reason) is { Success: true } valid)
        {
            return $"执法证 {valid.Groups["number"].Value} 有效期至{ChinaTime.Date(valid.Groups["on"].Value)}";
        }
        if (ValidFrom().Match(reason) is { Success: true } from)
        {
            return $"执法证 {from.Groups["number"].Value} 自{ChinaTime.Date(from.Groups["on"].Value)}起有效";
        }
        if (Expired().Match(reason) is { Success: true } expired)
        {
            return $"执法证 {expired.Groups["number"].Value} 已于{ChinaTime.Date(expired.Groups["on"].Value)}过期";
        }
        if (Revoked().Match(reason) is { Success: true } revoked)
        {
            return $"执法证 {revoked.Groups["number"].Value} 已于{ChinaTime.Date(revoked.Groups["on"].Value)}吊销：{revoked.Groups["reason"].Value}";
        }
        if (Suspended().Match(reason) is { Success: true } suspended)
        {
            var until = suspended.Groups["until"].Success ? $"至{ChinaTime.Date(suspended.Groups["until"].Value)}" : "至另行通知";
            return $"执法证 {suspended.Groups["number"].Value} 自{ChinaTime.Date(suspended.Groups["from"].Value)}起暂扣，{until}：{suspended.Groups["reason"].Value}";
        }
        return reason;
    }

    /// <summary>A date input's value as the API takes it (YYYY-MM-DD), empty when none was chosen.</summary>
    public static string Wire(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A score typed in a field (full-width digits too); whether it is in range is the API's to say.</summary>
    public static bool TryScore(string? text, out double score) =>
        double.TryParse(text?.Trim().Normalize(System.Text.NormalizationForm.FormKC), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out score);

    [GeneratedRegex(@"^left on (?<on>\d{4}-\d{2}-\d{2})$")]
    private static partial Regex LeftOn();

    [GeneratedRegex(@"^credential (?<number>.+) is valid until (?<on>\d{4}-\d{2}-\d{2})$")]
    private static partial Regex ValidUntil();

    [GeneratedRegex(@"^credential (?<number>.+) is valid from (?<on>\d{4}-\d{2}-\d{2})$")]
    private static partial Regex ValidFrom();

    [GeneratedRegex(@"^credential (?<number>.+) expired on (?<on>\d{4}-\d{2}-\d{2})$")]
    private static partial Regex Expired();

    [GeneratedRegex(@"^credential (?<number>.+) was revoked on (?<on>\d{4}-\d{2}-\d{2}): (?<reason>.*)$", RegexOptions.Singleline)]
    private static partial Regex Revoked();

    [GeneratedRegex(@"^credential (?<number>.+) is suspended from (?<from>\d{4}-\d{2}-\d{2})(?: until (?<until>\d{4}-\d{2}-\d{2})| until further notice): (?<reason>.*)$", RegexOptions.Singleline)]
    private static partial Regex Suspended();
}
