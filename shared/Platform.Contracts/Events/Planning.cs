namespace Platform.Contracts.Events.Planning;

/// <summary>A plan task was assigned (交办) to a unit.</summary>
public sealed record TaskAssigned(
    Guid AssignmentId,
    Guid PlanId,
    string PlanTitle,
    Guid TaskId,
    int TaskNumber,
    string TaskTitle,
    DateOnly Deadline,
    Guid UnitId,
    string UnitName,
    string AssignedBy,
    DateTimeOffset OccurredAt,
    string NodeId) : IIntegrationEvent;
