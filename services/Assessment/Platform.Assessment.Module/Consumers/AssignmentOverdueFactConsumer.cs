using Platform.BuildingBlocks.Grpc;
using Platform.Contracts.Events;
using Platform.Contracts.Events.Planning;

namespace Platform.Assessment.Module.Consumers;

/// <summary>Planning's overdue notice (逾期): tasks_late for the assignment's due date, once whatever follows.</summary>
[WireName("assessment.assignment_overdue_fact_consumer.v1")]
public sealed class AssignmentOverdueFactConsumer(AssessmentDbContext db, TimeProvider clock) : UnitFactConsumer<AssignmentOverdue>(db, clock)
{
    public const string QueueName = "assessment-assignment-overdue";

    protected override IEnumerable<FactOf> FactsOf(AssignmentOverdue message) =>
    [
        new(message.UnitId, DerivedSources.TasksLate, ProgressReportedFactConsumer.TaskSubject(message.AssignmentId, message.Due),
            $"{ProgressReportedFactConsumer.TaskName(message.TaskNumber, message.TaskTitle)}报告逾期（应于{message.Due.ToWire()}）"),
    ];
}
