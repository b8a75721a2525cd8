using Platform.Contracts.Events.Planning;

namespace Platform.Contracts.Events.Federation;

/// <summary>
/// The parent node cascaded a task (or a new revision of it) to this node; raised by the node's federation
/// edge when the message arrives. SenderNodeId is the parent; OriginTaskId the task's id there.
/// </summary>
[WireName("federation.task_received.v1")]
public sealed record CascadedTaskReceived(
    string SenderNodeId,
    Guid OriginPlanId,
    string PlanTitle,
    Guid OriginTaskId,
    int TaskNumber,
    int Revision,
    string TaskTitle,
    DateOnly? Deadline,
    bool ReportsRequested,
    DateTimeOffset CascadedAt,
    DateTimeOffset OccurredAt,
    string NodeId) : IIntegrationEvent;

/// <summary>
/// A child node sent its progress on a task this node cascaded (TaskId is this node's task), with the rows
/// of the child's own children; raised by the federation edge when the message arrives.
/// </summary>
[WireName("federation.progress_received.v1")]
public sealed record ChildProgressReceived(
    string SenderNodeId, Guid TaskId, IReadOnlyList<NodeProgress> Nodes, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;
