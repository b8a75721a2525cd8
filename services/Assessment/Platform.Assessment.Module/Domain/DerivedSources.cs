namespace Platform.Assessment.Module.Domain;

/// <summary>The platform events a derived indicator may be scored from, and which way each counts.</summary>
public static class DerivedSources
{
    public const string TasksOnTime = "tasks_on_time";
    public const string TasksLate = "tasks_late";
    public const string RectificationOverdue = "rectification_overdue";
    public const string RectificationEscalated = "rectification_escalated";
    public const string LookBackFailed = "look_back_failed";
    public const string StudySessions = "study_sessions";
    public const string FindingsGeneral = "findings_general";
    public const string FindingsSerious = "findings_serious";
    public const string FindingsMajor = "findings_major";

    public static readonly IReadOnlyList<string> All =
    [
        TasksOnTime, TasksLate, RectificationOverdue, RectificationEscalated, LookBackFailed,
        StudySessions, FindingsGeneral, FindingsSerious, FindingsMajor,
    ];

    /// <summary>
    /// Sources whose events earn points (from 0 up to the leaf's full marks); the others cost points
    /// (from the full marks down to 0), as 考评 rules word it: "每发现一起扣N分，扣完为止".
    /// </summary>
    public static bool Earns(string source) => source is TasksOnTime or StudySessions;

    /// <summary>Inspection's severities (一般, 较重, 严重) as the sources of findings.</summary>
    public static string? OfFindingSeverity(string severity) => severity switch
    {
        "general" => FindingsGeneral,
        "serious" => FindingsSerious,
        "severe" => FindingsMajor,
        _ => null,
    };

    /// <summary>Findings are confidential to their unit and the office (inspection's rule): others see the points, not the text.</summary>
    public static bool IsConfidential(string source) => source is FindingsGeneral or FindingsSerious or FindingsMajor;
}
