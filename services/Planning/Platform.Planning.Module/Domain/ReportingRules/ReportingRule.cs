namespace Platform.Planning.Module.Domain.ReportingRules;

/// <summary>
/// A deadline rule of the 限期报告制度 (Jiangsu government office's opinions on supervision, 2014,
/// 苏政办发〔2014〕94号): what must be reported, and by when,
/// after a trigger (a meeting, a document, an instruction, an assignment). Rules are data,
/// loaded by <see cref="ReportingRuleCatalog"/> and evaluated by <see cref="ReportingRuleEngine"/>.
/// </summary>
/// <param name="Code">Stable English code, e.g. <c>leader_instruction</c>.</param>
/// <param name="Name">Chinese name shown to users.</param>
/// <param name="Description">Chinese text of the rule, usually quoting the source document.</param>
/// <param name="RollForwardToWorkingDay">
/// When a deadline counted in calendar days or months, or a fixed date, falls on a day off, it
/// moves to the next working day: the general rule on periods in Chinese procedural law
/// (期间届满的最后一日是法定节假日的，以法定节假日后的第一日为期间届满的日期), since
/// nothing can be filed with an office that is closed. Deadlines counted in working days
/// already land on one.
/// </param>
/// <param name="Deadlines">What the rule asks for, in the order the rule states it.</param>
public sealed record ReportingRule(
    string Code,
    string Name,
    string Description,
    bool RollForwardToWorkingDay,
    IReadOnlyList<DeadlineSpec> Deadlines);

/// <summary>How an offset is counted.</summary>
public enum OffsetUnit
{
    /// <summary>日: the day after the start is day 1.</summary>
    CalendarDays,

    /// <summary>工作日: per the official calendar, with make-up working days.</summary>
    WorkingDays,

    /// <summary>个月: the same day of the month N months later, or the month's last day when it has none.</summary>
    Months,
}

/// <summary>An amount of time after an anchor date; always positive.</summary>
public readonly record struct DeadlineOffset(int Amount, OffsetUnit Unit);

/// <summary>A month and day in a year, e.g. 07-15.</summary>
public readonly record struct MonthDay(int Month, int Day)
{
    public DateOnly In(int year) => new(year, Month, Day);

    public override string ToString() => $"{Month:00}-{Day:00}";
}

/// <summary>One deadline of a rule. Exactly one of the three kinds below.</summary>
public abstract record DeadlineSpec;

/// <summary>
/// Due a fixed time after the trigger date (a meeting, a document, an assignment).
/// </summary>
/// <param name="Key">Stable English key, unique in the rule, so a scheduler can tell the deadlines of one rule apart.</param>
/// <param name="Label">Chinese label, e.g. "贯彻落实情况报告".</param>
/// <param name="ExtensionRequestBeforeDeadline">
/// The unit may ask for more time (延期申请, explaining why), but only until the deadline;
/// the result then carries <see cref="ReportingDeadline.ExtensionRequestAllowedUntil"/>.
/// </param>
public sealed record TriggerOffsetDeadline(string Key, string Label, DeadlineOffset Offset, bool ExtensionRequestBeforeDeadline = false)
    : DeadlineSpec;

/// <summary>Due a fixed time after the work is completed; exists only once a completion date is known.</summary>
public sealed record CompletionOffsetDeadline(string Key, string Label, DeadlineOffset Offset, bool ExtensionRequestBeforeDeadline = false)
    : DeadlineSpec;

/// <summary>
/// Reports due on fixed dates every year, each covering a period of the work year (the year of
/// the trigger date), such as quarterly progress reports.
/// </summary>
public sealed record FixedScheduleDeadline(IReadOnlyList<ScheduledReport> Reports) : DeadlineSpec;

/// <summary>
/// One report of a fixed schedule: it covers <see cref="PeriodStart"/>-<see cref="PeriodEnd"/>
/// of the work year and is due on the first <see cref="Due"/> on or after the period ends, so
/// a 01-15 due date after a period ending 12-31 falls in the next year.
/// </summary>
public sealed record ScheduledReport(string Key, string Label, MonthDay Due, MonthDay PeriodStart, MonthDay PeriodEnd);
