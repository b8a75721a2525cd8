using Platform.BuildingBlocks.Grpc;
using Platform.Contracts.Events;
using Platform.Contracts.Events.Planning;

namespace Platform.Assessment.Module.Consumers;

/// <summary>Planning's reports: a late one is tasks_late, a final one in time is tasks_on_time (per assignment and due date).</summary>
[WireName("assessment.progress_reported_fact_consumer.v1")]
public sealed class ProgressReportedFactConsumer(AssessmentDbContext db, TimeProvider clock) : UnitFactConsumer<ProgressReported>(db, clock)
{
    public const string QueueName = "assessment-progress-reported";

    protected override IEnumerable<FactOf> FactsOf(ProgressReported message)
    {
        var subject = TaskSubject(message.AssignmentId, message.Due);
        if (message.Late)
        {
            yield return new FactOf(message.UnitId, DerivedSources.TasksLate, subject, $"{TaskName(message.TaskNumber, message.TaskTitle)}报告逾期报送（应于{message.Due.ToWire()}）");
        }
        else if (message.Final)
        {
            yield return new FactOf(message.UnitId, DerivedSources.TasksOnTime, subject, $"{TaskName(message.TaskNumber, message.TaskTitle)}按时报送办结报告（应于{message.Due.ToWire()}）");
        }
    }

    /// <summary>"第3项 标题：", the way a unit knows the task; empty for a message that names none (sent before planning added it).</summary>
    internal static string TaskName(int number, string title) =>
        string.IsNullOrWhiteSpace(title) ? string.Empty : number > 0 ? $"第{number}项 {title}：" : $"{title}：";

    /// <summary>An assignment's report due on a day: the overdue notice and the late report of it are one occurrence.</summary>
    internal static string TaskSubject(Guid assignmentId, DateOnly due) => $"assignment {assignmentId} due {due.ToWire()}";
}
