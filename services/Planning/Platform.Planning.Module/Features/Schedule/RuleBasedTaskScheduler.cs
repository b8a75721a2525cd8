using Platform.BuildingBlocks.Calendar;
using Platform.Planning.Module.Domain.ReportingRules;
using Platform.Planning.Module.Features.ReportingRuleUpdates;
using PlanTask = Platform.Planning.Module.Domain.PlanTask;

namespace Platform.Planning.Module.Features.Schedule;

/// <summary>
/// A task's schedule: with a reporting rule, the rule's deadlines counted from the task's start
/// date (or the day it is assigned) on the working-day calendar in force, by the rule in force (both with the updates from
/// above, ADR 0024); without one, its deadline.
/// </summary>
internal sealed class RuleBasedTaskScheduler(WorkingDayCalendarSource calendar, ReportingRuleSource rules) : ITaskScheduler
{
    public IReadOnlyList<(string Code, string Name, string Description)> Rules =>
        rules.Current.All.Select(r => (r.Code, r.Name, r.Description)).ToList();

    public bool IsKnownRule(string code) => rules.Current.TryGet(code, out _);

    public TaskSchedule ScheduleFor(PlanTask task, DateOnly assignedOn)
    {
        if (task.ReportingRule is null)
        {
            return new TaskSchedule(
                task.Deadline ?? throw new PreconditionFailedException($"Task {task.Number} has neither a deadline nor a reporting rule; revise it first."),
                []);
        }
        var rule = rules.Current.Get(task.ReportingRule);
        var dueDates = new ReportingRuleEngine(calendar.Current).Evaluate(rule, task.RuleStartDate ?? assignedOn).Select(d => d.DueDate).Order().ToList();
        var deadline = task.Deadline ?? (dueDates.Count > 0
            ? dueDates[^1]
            : throw new PreconditionFailedException($"Reporting rule {rule.Code} gives task {task.Number} no deadline; set one."));
        return new TaskSchedule(deadline, dueDates);
    }
}
