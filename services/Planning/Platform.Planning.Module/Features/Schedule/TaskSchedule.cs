using PlanTask = Platform.Planning.Module.Domain.PlanTask;

namespace Platform.Planning.Module.Features.Schedule;

/// <summary>When an assigned unit must report: its completion deadline and the report due dates before it.</summary>
public sealed record TaskSchedule(DateOnly Deadline, IReadOnlyList<DateOnly> ReportDueDates)
{
    public DateOnly FirstDue(DateOnly assignedOn) =>
        ReportDueDates.Where(d => d >= assignedOn && d < Deadline).DefaultIfEmpty(Deadline).Min();

    public DateOnly? NextAfter(DateOnly date) =>
        ReportDueDates.Where(d => d > date).Select(d => (DateOnly?)d).DefaultIfEmpty(null).Min();
}

/// <summary>Works out a task's schedule from its deadline or its reporting rule (限期报告制度).</summary>
public interface ITaskScheduler
{
    IReadOnlyList<(string Code, string Name, string Description)> Rules { get; }

    bool IsKnownRule(string code);

    TaskSchedule ScheduleFor(PlanTask task, DateOnly assignedOn);
}
