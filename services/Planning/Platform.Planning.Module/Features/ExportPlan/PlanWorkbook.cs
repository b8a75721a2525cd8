namespace Platform.Planning.Module.Features.ExportPlan;

/// <summary>One task of the plan as a row of the sheet 任务清单; the strings are shown as given.</summary>
/// <param name="PercentComplete">0..100, or null when nothing has been reported yet (left blank).</param>
public sealed record PlanWorkbookTask(
    string Chapter,
    int Number,
    string Text,
    string LeadUnits,
    string CoUnits,
    string Deadline,
    string ReportingRule,
    string Status,
    int? PercentComplete,
    string LatestReport);

/// <summary>One unit's or chapter's counts, as in the statistics of the service.</summary>
/// <param name="OnTimeRate">ReportedOnTime / (ReportedOnTime + ReportedLate + Overdue), 0..1.</param>
/// <param name="CompletionRate">Done / Assigned, 0..1.</param>
public sealed record PlanWorkbookStatistics(
    string Name,
    int Assigned,
    int Accepted,
    int ReportedOnTime,
    int ReportedLate,
    int Overdue,
    int Done,
    double OnTimeRate,
    double CompletionRate);

/// <summary>One target of a task with its aggregate by the target's rule.</summary>
/// <param name="Requirement">The target as read: 不少于 4 次.</param>
/// <param name="Aggregation">How the units' figures count: 每个单位 / 合计 / 平均.</param>
/// <param name="AggregateValue">The aggregate figure, or null while no unit has reported (left blank).</param>
public sealed record PlanWorkbookTarget(
    int TaskNumber,
    string Description,
    string Requirement,
    string Aggregation,
    double? AggregateValue,
    int AssignedUnits,
    int ReportingUnits,
    int UnitsMeeting,
    bool Met);

/// <summary>One unit's current figure against one target (the office's workbook only).</summary>
public sealed record PlanWorkbookUnitFigure(
    int TaskNumber,
    string Target,
    string UnitName,
    double Value,
    bool Met,
    DateTimeOffset ReportedAt,
    int Reports);

/// <summary>Everything the exported workbook shows; rows are written in the order given.</summary>
public sealed record PlanWorkbook(
    string Title,
    int Year,
    string NodeName,
    DateTimeOffset ExportedAt,
    IReadOnlyList<PlanWorkbookTask> Tasks,
    IReadOnlyList<PlanWorkbookStatistics> ByUnit,
    IReadOnlyList<PlanWorkbookStatistics> ByChapter,
    IReadOnlyList<PlanWorkbookTarget> Targets,
    IReadOnlyList<PlanWorkbookUnitFigure> UnitFigures);
