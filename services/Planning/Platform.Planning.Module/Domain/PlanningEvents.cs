using Platform.BuildingBlocks.Kernel.Events;

namespace Platform.Planning.Module.Domain;

// What happens to plans, tasks and assignments, in the domain's words; the store stamps them and
// turns them into the planning.* integration events (PlanningDbContext.MapDomainEvents).

public sealed record TaskAssignedToUnit(
    Guid AssignmentId, Guid PlanId, string PlanTitle, Guid TaskId, int TaskNumber, string TaskTitle, DateOnly Deadline,
    Guid UnitId, string UnitName, AssignmentRole Role) : IDomainEvent;

public sealed record AssignmentAccepted(Guid AssignmentId, Guid PlanId, Guid TaskId, Guid UnitId) : IDomainEvent;

public sealed record AssignmentReturned(Guid AssignmentId, Guid PlanId, Guid TaskId, Guid UnitId, string Reason) : IDomainEvent;

public sealed record AssignmentFellOverdue(
    Guid AssignmentId, Guid PlanId, Guid TaskId, int TaskNumber, string TaskTitle, Guid UnitId, string UnitName, DateOnly Due) : IDomainEvent;

public sealed record ProgressReportFiled(
    Guid ReportId, Guid AssignmentId, Guid PlanId, Guid TaskId, int TaskNumber, string TaskTitle, Guid UnitId, int Percent, bool Final, bool Late, DateOnly Due) : IDomainEvent;

public sealed record TaskCompleted(Guid PlanId, Guid TaskId, int TaskNumber, Guid LeadUnitId) : IDomainEvent;

public sealed record AssignmentDeadlineExtended(
    Guid ExtensionId, Guid AssignmentId, Guid PlanId, Guid TaskId, Guid UnitId, DateOnly PreviousDeadline, DateOnly NewDeadline) : IDomainEvent;
