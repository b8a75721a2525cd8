namespace Platform.Planning.Module.Domain;

/// <summary>
/// The office sent a task down to child nodes (下发, ADR 0018): the named children, or all of them when
/// none is named. Kept so that a later revision of the task follows the same way down.
/// </summary>
public sealed class TaskCascade
{
    private TaskCascade()
    {
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public Guid TaskId { get; private set; }

    /// <summary>
    /// Node ids of the children it went to: the ones the office named, or every active child at the time when it named
    /// none. Progress on the task is taken only from these. Empty only in a cascade recorded before this was so (every
    /// child of the node, as it was then).
    /// </summary>
    public List<string> ChildNodeIds { get; private set; } = [];

    /// <summary>Whether the task went to <paramref name="nodeId"/> (node ids compare ignoring case).</summary>
    public bool WentTo(string nodeId) => ChildNodeIds.Contains(nodeId, StringComparer.OrdinalIgnoreCase);

    /// <summary>The children send their units' reports up with their figures.</summary>
    public bool ReportsRequested { get; private set; }

    public Audit Cascaded { get; private set; } = null!;

    public static TaskCascade Create(PlanTask task, IReadOnlyList<string> childNodeIds, bool reportsRequested, Audit cascaded) => new()
    {
        Id = Guid.CreateVersion7(),
        PlanId = task.PlanId,
        TaskId = task.Id,
        ChildNodeIds = childNodeIds.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        ReportsRequested = reportsRequested,
        Cascaded = cascaded,
    };
}

public enum ReceivedTaskStatus
{
    /// <summary>Arrived from the parent; the office has not taken it on yet (待接收).</summary>
    Received,

    /// <summary>Taken on: it is a task of this node's own, assigned to its units like any other.</summary>
    Accepted,
}

/// <summary>
/// A task the parent node cascaded to this node (上级交办), in the parent's words. Accepting it makes a
/// local plan and task; a later revision from above waits here until the office acknowledges it, and
/// then revises the local task without touching what the units reported.
/// </summary>
public sealed class ReceivedTask
{
    private ReceivedTask()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The parent node that sent it; progress goes back there.</summary>
    public string SenderNodeId { get; private set; } = string.Empty;

    /// <summary>This node, as the edge named it on receipt.</summary>
    public string ReceiverNodeId { get; private set; } = string.Empty;

    public Guid OriginPlanId { get; private set; }

    public Guid OriginTaskId { get; private set; }

    public string PlanTitle { get; private set; } = string.Empty;

    public int TaskNumber { get; private set; }

    /// <summary>The latest text from above.</summary>
    public string Title { get; private set; } = string.Empty;

    public DateOnly? Deadline { get; private set; }

    /// <summary>The latest revision received (0 is the task as first cascaded).</summary>
    public int Revision { get; private set; }

    /// <summary>The revision the office has taken on; below <see cref="Revision"/> a revision waits.</summary>
    public int AcknowledgedRevision { get; private set; }

    public bool ReportsRequested { get; private set; }

    public ReceivedTaskStatus Status { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public DateTimeOffset RevisedAt { get; private set; }

    public Guid? LocalPlanId { get; private set; }

    public Guid? LocalTaskId { get; private set; }

    public Audit? Accepted { get; private set; }

    public Audit? Acknowledged { get; private set; }

    public bool RevisionPending => Status == ReceivedTaskStatus.Accepted && Revision > AcknowledgedRevision;

    public static ReceivedTask Receive(
        string senderNodeId, string receiverNodeId, Guid originPlanId, string planTitle, Guid originTaskId, int taskNumber, int revision,
        string title, DateOnly? deadline, bool reportsRequested, DateTimeOffset receivedAt) => new()
    {
        Id = Guid.CreateVersion7(),
        SenderNodeId = senderNodeId,
        ReceiverNodeId = receiverNodeId,
        OriginPlanId = originPlanId,
        OriginTaskId = originTaskId,
        PlanTitle = planTitle,
        TaskNumber = taskNumber,
        Title = title,
        Deadline = deadline,
        Revision = revision,
        AcknowledgedRevision = revision,
        ReportsRequested = reportsRequested,
        Status = ReceivedTaskStatus.Received,
        ReceivedAt = receivedAt,
        RevisedAt = receivedAt,
    };

    /// <summary>
    /// A newer revision from above: kept as the latest text; an older or repeated one changes nothing.
    /// Before acceptance there is nothing local to revise, so it is taken on at once.
    /// </summary>
    public bool Revise(int revision, string planTitle, string title, DateOnly? deadline, bool reportsRequested, DateTimeOffset receivedAt)
    {
        if (revision <= Revision)
        {
            return false;
        }
        Revision = revision;
        PlanTitle = planTitle;
        Title = title;
        Deadline = deadline;
        ReportsRequested = reportsRequested;
        RevisedAt = receivedAt;
        if (Status == ReceivedTaskStatus.Received)
        {
            AcknowledgedRevision = revision;
        }
        return true;
    }

    public void Accept(Plan localPlan, PlanTask localTask, Audit accepted)
    {
        if (Status != ReceivedTaskStatus.Received)
        {
            throw new PreconditionFailedException("The received task has already been accepted.");
        }
        Status = ReceivedTaskStatus.Accepted;
        LocalPlanId = localPlan.Id;
        LocalTaskId = localTask.Id;
        AcknowledgedRevision = Revision;
        Accepted = accepted;
    }

    /// <summary>Takes on the latest revision from above; the caller revises the local task with it.</summary>
    public void Acknowledge(Audit acknowledged)
    {
        if (!RevisionPending)
        {
            throw new PreconditionFailedException(Status == ReceivedTaskStatus.Received
                ? "The received task has not been accepted yet; accept it instead."
                : $"Revision {Revision} has already been acknowledged.");
        }
        AcknowledgedRevision = Revision;
        Acknowledged = acknowledged;
    }
}

/// <summary>
/// What a child node (or, through it, a grandchild) last reported of its progress on one of this node's
/// cascaded tasks: stored here, so the roll-up is read locally and never asks the children.
/// </summary>
public sealed class ChildProgress
{
    private ChildProgress()
    {
    }

    /// <summary>This node's task.</summary>
    public Guid TaskId { get; private set; }

    public Guid PlanId { get; private set; }

    public string NodeId { get; private set; } = string.Empty;

    public string ParentNodeId { get; private set; } = string.Empty;

    /// <summary>The child of this node the row came through.</summary>
    public string ViaNodeId { get; private set; } = string.Empty;

    public int UnitsAssigned { get; private set; }

    public int UnitsReported { get; private set; }

    public int ReportedOnTime { get; private set; }

    public int ReportedLate { get; private set; }

    public int UnitsCompleted { get; private set; }

    public int UnitsOverdue { get; private set; }

    public DateTimeOffset AsOf { get; private set; }

    /// <summary>The reports this node asked for, as JSON (bounded by RequestedReports, otherwise shown as sent).</summary>
    public string ReportsJson { get; private set; } = "[]";

    public DateTimeOffset ReceivedAt { get; private set; }

    public static ChildProgress Create(Guid planId, Guid taskId, string nodeId) => new() { PlanId = planId, TaskId = taskId, NodeId = nodeId };

    /// <summary>Takes the figures unless they are older than the ones held.</summary>
    public bool Update(
        string parentNodeId, string viaNodeId, int assigned, int reported, int onTime, int late, int completed, int overdue,
        DateTimeOffset asOf, string reportsJson, DateTimeOffset receivedAt)
    {
        if (asOf < AsOf)
        {
            return false;
        }
        (ParentNodeId, ViaNodeId, UnitsAssigned, UnitsReported, ReportedOnTime, ReportedLate, UnitsCompleted, UnitsOverdue, AsOf, ReportsJson, ReceivedAt) =
            (parentNodeId, viaNodeId, assigned, reported, onTime, late, completed, overdue, asOf, reportsJson, receivedAt);
        return true;
    }
}
