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

/// <summary>
/// One child link of this node as the edge holds it: its node id, region and state (pending, active, revoked), and when
/// that state began (absent from lists of nodes older than it: the list's own time counts).
/// </summary>
public sealed record ChildLinkState(string NodeId, string RegionCode, string State, DateTimeOffset? StateSince = null);

/// <summary>
/// The node's child links changed (a child registered, was approved or revoked), or the edge started: every child
/// link with its state, so the services that address children (a cascade) check a named node up front without
/// calling the edge. Raised by the federation edge; for each child, the entry whose state began last wins (two lists
/// built at once each hold the other's link as it was before).
/// </summary>
[WireName("federation.child_links_changed.v1")]
public sealed record ChildLinksChanged(IReadOnlyList<ChildLinkState> Children, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;
