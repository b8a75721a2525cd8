using Platform.BuildingBlocks.Kernel.Calendar;

namespace Platform.Planning.Module.Domain.ReportingRules;

/// <summary>
/// Computes the deadlines of a <see cref="ReportingRule"/>. Pure: the same rule, dates and
/// calendar always give the same answer. A deadline in a year the calendar does not cover
/// throws <see cref="CalendarYearNotLoadedException"/> rather than guessing.
/// </summary>
public sealed class ReportingRuleEngine(WorkingDayCalendar calendar)
{
    /// <param name="rule">The rule.</param>
    /// <param name="triggerDate">The meeting, document, instruction or assignment date; for a fixed schedule, its year is the work year.</param>
    /// <param name="completedOn">When the work was completed; deadlines counted from completion exist only when it is given.</param>
    /// <returns>The deadlines in due-date order (ties in the rule's order).</returns>
    public IReadOnlyList<ReportingDeadline> Evaluate(ReportingRule rule, DateOnly triggerDate, DateOnly? completedOn = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (completedOn < triggerDate)
        {
            throw new ArgumentOutOfRangeException(nameof(completedOn), completedOn, $"The work cannot be completed ({completedOn:yyyy-MM-dd}) before it was triggered ({triggerDate:yyyy-MM-dd}).");
        }

        var deadlines = new List<ReportingDeadline>();
        foreach (var spec in rule.Deadlines)
        {
            switch (spec)
            {
                case TriggerOffsetDeadline offset:
                    deadlines.Add(Offset(rule, offset.Key, offset.Label, triggerDate, offset.Offset, offset.ExtensionRequestBeforeDeadline));
                    break;
                case CompletionOffsetDeadline offset when completedOn is { } completed:
                    deadlines.Add(Offset(rule, offset.Key, offset.Label, completed, offset.Offset, offset.ExtensionRequestBeforeDeadline));
                    break;
                case CompletionOffsetDeadline:
                    break;
                case FixedScheduleDeadline schedule:
                    deadlines.AddRange(Schedule(rule, schedule, triggerDate));
                    break;
                default:
                    throw new NotSupportedException($"Deadline kind {spec.GetType().Name} of rule '{rule.Code}' is not supported.");
            }
        }
        // OrderBy is stable, so deadlines due the same day keep the rule's order.
        return [.. deadlines.OrderBy(d => d.DueDate)];
    }

    private ReportingDeadline Offset(ReportingRule rule, string key, string label, DateOnly from, DeadlineOffset offset, bool extensionAllowed)
    {
        var computed = offset.Unit switch
        {
            OffsetUnit.CalendarDays => from.AddDays(offset.Amount),
            OffsetUnit.WorkingDays => calendar.AddWorkingDays(from, offset.Amount),
            // DateOnly.AddMonths clamps to the month's end (11-30 + 3 months = 02-28), as the
            // civil rule does when the last month has no corresponding day.
            OffsetUnit.Months => from.AddMonths(offset.Amount),
            _ => throw new NotSupportedException($"Offset unit {offset.Unit} of rule '{rule.Code}' is not supported."),
        };
        var (due, original) = offset.Unit == OffsetUnit.WorkingDays ? (computed, null) : Roll(rule, computed);
        return new ReportingDeadline(key, label, due, original, null, extensionAllowed ? due : null);
    }

    private IEnumerable<ReportingDeadline> Schedule(ReportingRule rule, FixedScheduleDeadline schedule, DateOnly triggerDate)
    {
        var workYear = triggerDate.Year;
        foreach (var report in schedule.Reports)
        {
            var period = new ReportingPeriod(report.PeriodStart.In(workYear), report.PeriodEnd.In(workYear));
            // A period that ended before the work was triggered has nothing to report on.
            if (period.End < triggerDate)
            {
                continue;
            }
            var computed = report.Due.In(period.End.Year);
            if (computed < period.End)
            {
                computed = report.Due.In(period.End.Year + 1);
            }
            var (due, original) = Roll(rule, computed);
            yield return new ReportingDeadline(report.Key, report.Label, due, original, period);
        }
    }

    private (DateOnly Due, DateOnly? Original) Roll(ReportingRule rule, DateOnly computed)
    {
        if (!rule.RollForwardToWorkingDay)
        {
            return (computed, null);
        }
        var due = calendar.OnOrNextWorkingDay(computed);
        return due == computed ? (due, null) : (due, computed);
    }
}
