namespace Platform.Contracts.Events.Planning;

/// <summary>A plan task was assigned (交办) to a unit.</summary>
[WireName("planning.task_assigned.v1")]
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
    string NodeId) : IIntegrationEvent
{
    /// <summary>"lead" or "co". Added after the first version; old events read as "lead".</summary>
    public string Role { get; init; } = "lead";
}

/// <summary>A unit signed for (签收) its assignment.</summary>
[WireName("planning.assignment_accepted.v1")]
public sealed record AssignmentAccepted(
    Guid AssignmentId, Guid PlanId, Guid TaskId, Guid UnitId, string AcceptedBy, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;

/// <summary>A unit returned its assignment (退回) with a reason.</summary>
[WireName("planning.assignment_returned.v1")]
public sealed record AssignmentReturned(
    Guid AssignmentId, Guid PlanId, Guid TaskId, Guid UnitId, string Reason, string ReturnedBy, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;

/// <summary>A unit filed a progress report on its assignment.</summary>
[WireName("planning.progress_reported.v1")]
public sealed record ProgressReported(
    Guid ReportId, Guid AssignmentId, Guid PlanId, Guid TaskId, Guid UnitId, int Percent, bool Final, bool Late,
    DateOnly Due, string ReportedBy, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent
{
    /// <summary>The task's number in its plan (0 in a message sent before it was added).</summary>
    public int TaskNumber { get; init; }

    /// <summary>The task's title (empty in a message sent before it was added), so a consumer can say which task was late.</summary>
    public string TaskTitle { get; init; } = string.Empty;
}

/// <summary>An assignment's report is past due (逾期).</summary>
[WireName("planning.assignment_overdue.v1")]
public sealed record AssignmentOverdue(
    Guid AssignmentId, Guid PlanId, Guid TaskId, int TaskNumber, string TaskTitle, Guid UnitId, string UnitName,
    DateOnly Due, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;

/// <summary>The lead unit's final report closed the task (办结).</summary>
[WireName("planning.task_completed.v1")]
public sealed record TaskCompleted(
    Guid PlanId, Guid TaskId, int TaskNumber, Guid LeadUnitId, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;

/// <summary>The office approved an extension; the deadline moved.</summary>
[WireName("planning.extension_approved.v1")]
public sealed record ExtensionApproved(
    Guid ExtensionId, Guid AssignmentId, Guid PlanId, Guid TaskId, Guid UnitId, DateOnly PreviousDeadline, DateOnly NewDeadline,
    string DecidedBy, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;

/// <summary>
/// A unit of the node was created or changed (by hand or by import). Services that need the node's
/// units (assessment) keep their own copy from these instead of asking planning.
/// </summary>
[WireName("planning.unit_saved.v1")]
public sealed record UnitSaved(
    Guid UnitId, string Name, string ShortName, string Kind, string RegionCode, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;

/// <summary>A report the level above asked to see, travelling up with a cascaded task's progress (ADR 0018).</summary>
public sealed record RequestedReport(string UnitName, int Percent, string Text, bool Final, DateTimeOffset ReportedAt);

/// <summary>
/// One node's progress on a cascaded task: its own units' assignments counted (ADR 0018). ParentNodeId is
/// the node it reports to; a city sends its counties' rows up with its own.
/// </summary>
public sealed record NodeProgress(
    string NodeId,
    string ParentNodeId,
    int UnitsAssigned,
    int UnitsReported,
    int ReportedOnTime,
    int ReportedLate,
    int UnitsCompleted,
    int UnitsOverdue,
    DateTimeOffset AsOf,
    IReadOnlyList<RequestedReport> Reports);

/// <summary>
/// The office cascaded (下发) a task, or a new revision of a task cascaded before, to child nodes:
/// the ones named, or every child when none is. The node's federation edge puts it on each link.
/// </summary>
[WireName("planning.task_cascaded.v1")]
public sealed record TaskCascaded(
    Guid CascadeId,
    Guid PlanId,
    string PlanTitle,
    Guid TaskId,
    int TaskNumber,
    int Revision,
    string TaskTitle,
    DateOnly? Deadline,
    bool ReportsRequested,
    IReadOnlyList<string> ChildNodeIds,
    string CascadedBy,
    DateTimeOffset OccurredAt,
    string NodeId) : IIntegrationEvent;

/// <summary>
/// The progress on a task received from the parent node changed: this node's row and its descendants'
/// rows, for the edge to send up to <see cref="ParentNodeId"/>. OriginTaskId is the task's id at the parent.
/// </summary>
[WireName("planning.received_task_progressed.v1")]
public sealed record ReceivedTaskProgressed(
    string ParentNodeId, Guid OriginTaskId, IReadOnlyList<NodeProgress> Nodes, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;
