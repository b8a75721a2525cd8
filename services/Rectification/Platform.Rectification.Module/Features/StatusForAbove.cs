using Wire = Platform.Contracts.Events.Rectification;
using RectificationItem = Platform.Rectification.Module.Domain.RectificationItem;

namespace Platform.Rectification.Module.Features;

/// <summary>
/// What the node above sees of an item opened for its mission's finding (ADR 0022): one status word and the item's state,
/// unit and dates; never the finding's text, which stays here. Every save that adds or changes such an item sends its
/// status up, in the same transaction.
/// </summary>
public static class StatusForAbove
{
    public const string Open = "open";
    public const string Planned = "planned";
    public const string InProgress = "in_progress";
    public const string Overdue = "overdue";
    public const string Escalated = "escalated";
    public const string Done = "done";
    public const string LookBackFailed = "look_back_failed";

    /// <summary>The weightiest thing about the item: done, then a failed look-back, an escalation, being overdue, then its step.</summary>
    public static string Of(RectificationItem item) => item switch
    {
        { State: ItemState.Verified } => Done,
        { ReopenCount: > 0 } => LookBackFailed,
        { EscalationOrder: > 0 } => Escalated,
        { Overdue: true } => Overdue,
        { State: ItemState.InProgress or ItemState.CompletionSubmitted } => InProgress,
        { State: ItemState.PlanSubmitted } => Planned,
        _ => Open,
    };

    public static Wire.RectificationItemStatus ToStatus(RectificationItem item) => new(
        item.Id, item.OriginNodeId!, item.MissionId ?? Guid.Empty, item.UnitId, item.UnitName, item.RegionCode, Of(item), item.State.WireName(),
        item.Overdue, item.EscalationOrder, item.ReopenCount, item.Deadline, item.OpenedOn, item.ClosedOn, item.Updated.At);

    /// <summary>Adds the status event of every item from above that this save adds or changes; the caller saves.</summary>
    public static void AddEvents(RectificationDbContext db)
    {
        var changed = db.ChangeTracker.Entries<RectificationItem>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified && e.Entity.OriginNodeId is not null)
            .Select(e => e.Entity)
            .ToList();
        foreach (var item in changed)
        {
            db.AddIntegrationEvent(new Wire.RectificationStatusForAbove(ToStatus(item), item.Updated.At, item.Updated.NodeId));
        }
    }
}
