namespace Platform.Rectification.Module.Domain;

/// <summary>
/// A mission's 督察通知 from a node above reached this node (ADR 0022): the office opens items for the findings that
/// mission fed back in this node's region under it, and their status goes up to the node whose mission it was.
/// </summary>
public sealed class MissionFromAbove
{
    private MissionFromAbove()
    {
    }

    /// <summary>The sending node's notice id (the inbox message's subject): what the office names when it opens an item.</summary>
    public Guid NoticeId { get; private set; }

    public string OriginNodeId { get; private set; } = string.Empty;

    /// <summary>The mission's id at the node above.</summary>
    public Guid MissionId { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public DateTimeOffset ReceivedAt { get; private set; }

    public static MissionFromAbove Create(Guid noticeId, string originNodeId, Guid missionId, string title, DateTimeOffset receivedAt) => new()
    {
        NoticeId = noticeId, OriginNodeId = originNodeId, MissionId = missionId, Title = title, ReceivedAt = receivedAt,
    };
}

/// <summary>
/// A region one of this node's missions targets, as inspection notified it (<c>inspection.mission_notified.v1</c>): a
/// status from below is kept only for a mission that targets the region of the child it came through, or one below it.
/// </summary>
public sealed class OwnMissionRegion
{
    private OwnMissionRegion()
    {
    }

    public Guid MissionId { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    public static OwnMissionRegion Create(Guid missionId, string regionCode) => new() { MissionId = missionId, RegionCode = regionCode };
}

/// <summary>
/// The status of an item that a node below opened for a finding of this node's mission, as that node last reported it
/// (ADR 0022). Read here, never fetched from the node below; no finding text, only the unit, the state and the dates.
/// </summary>
public sealed class ItemFromBelow
{
    private ItemFromBelow()
    {
    }

    /// <summary>The node that holds the item.</summary>
    public string NodeId { get; private set; } = string.Empty;

    /// <summary>The item's id at that node.</summary>
    public Guid ItemId { get; private set; }

    public Guid MissionId { get; private set; }

    public string RegionCode { get; private set; } = string.Empty;

    public Guid UnitId { get; private set; }

    public string UnitName { get; private set; } = string.Empty;

    /// <summary>open, planned, in_progress, overdue, escalated, done or look_back_failed.</summary>
    public string Status { get; private set; } = string.Empty;

    /// <summary>The item's state at that node (open, plan_submitted, in_progress, completion_submitted, verified).</summary>
    public string State { get; private set; } = string.Empty;

    public bool Overdue { get; private set; }

    public int EscalationOrder { get; private set; }

    public int ReopenCount { get; private set; }

    public DateOnly Deadline { get; private set; }

    public DateOnly OpenedOn { get; private set; }

    public DateOnly? ClosedOn { get; private set; }

    /// <summary>When the item last changed at that node; an older report changes nothing.</summary>
    public DateTimeOffset AsOf { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public static ItemFromBelow Create(string nodeId, Guid itemId) => new() { NodeId = nodeId, ItemId = itemId, AsOf = DateTimeOffset.MinValue };

    /// <summary>Takes the reported status unless it is older than the one kept; false when it changed nothing.</summary>
    public bool Update(
        Guid missionId, string regionCode, Guid unitId, string unitName, string status, string state, bool overdue, int escalationOrder,
        int reopenCount, DateOnly deadline, DateOnly openedOn, DateOnly? closedOn, DateTimeOffset asOf, DateTimeOffset receivedAt)
    {
        if (asOf < AsOf)
        {
            return false;
        }
        (MissionId, RegionCode, UnitId, UnitName, Status, State, Overdue, EscalationOrder, ReopenCount, Deadline, OpenedOn, ClosedOn, AsOf, ReceivedAt) =
            (missionId, regionCode, unitId, unitName, status, state, overdue, escalationOrder, reopenCount, deadline, openedOn, closedOn, asOf, receivedAt);
        return true;
    }
}
