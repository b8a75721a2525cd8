using MassTransit;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Federation;
using Platform.BuildingBlocks.Calendar;
using Platform.BuildingBlocks.Outbox;
using Platform.Contracts.Events;
using Platform.Contracts.Events.Federation;
using Platform.Contracts.Events.Inspection;

namespace Platform.Rectification.Module.Consumers;

/// <summary>
/// A mission's 督察通知 from a node above reached this node: it is kept, so the office can open items for the findings
/// that mission feeds back here and their status goes up to it (ADR 0022). Other notices concern notification only.
/// </summary>
[WireName("rectification.mission_notice_received_consumer.v1")]
public sealed class MissionNoticeReceivedConsumer(RectificationDbContext db, TimeProvider clock)
    : IdempotentConsumer<NoticeReceived, RectificationDbContext>(db, clock)
{
    public const string QueueName = "rectification-mission-notice-received";

    /// <summary>The notice kind of a mission's 督察通知 (notification's <c>mission</c>).</summary>
    public const string MissionKind = "mission";

    protected override async Task HandleAsync(NoticeReceived m, ConsumeContext<NoticeReceived> context)
    {
        if (m.Kind != MissionKind || m.MissionId is not { } missionId
            || await Db.MissionsFromAbove.AnyAsync(x => x.NoticeId == m.NoticeId, context.CancellationToken))
        {
            return;
        }
        // The mission's own title; a sender older than MissionTitle sends only the notice's (the document's) title.
        var missionTitle = string.IsNullOrWhiteSpace(m.MissionTitle) ? m.Title : m.MissionTitle;
        var title = missionTitle.Length <= 300 ? missionTitle : missionTitle[..300];
        Db.MissionsFromAbove.Add(MissionFromAbove.Create(m.NoticeId, m.SenderNodeId, missionId, title, m.OccurredAt));
    }
}

/// <summary>The regions a mission of this node targets, kept when inspection notifies it: which children may report its items.</summary>
[WireName("rectification.own_mission_notified_consumer.v1")]
public sealed class OwnMissionNotifiedConsumer(RectificationDbContext db, TimeProvider clock)
    : IdempotentConsumer<MissionNotified, RectificationDbContext>(db, clock)
{
    public const string QueueName = "rectification-own-mission-notified";

    protected override async Task HandleAsync(MissionNotified m, ConsumeContext<MissionNotified> context)
    {
        var regions = m.Targets.Select(t => t.RegionCode).OfType<string>().Where(r => r.Length == 6).Distinct().ToList();
        var known = await Db.OwnMissionRegions.Where(r => r.MissionId == m.MissionId).Select(r => r.RegionCode).ToListAsync(context.CancellationToken);
        // A region once targeted stays: an item opened for it keeps reporting.
        Db.OwnMissionRegions.AddRange(regions.Except(known).Select(r => OwnMissionRegion.Create(m.MissionId, r)));
    }
}

/// <summary>
/// A node below reported the status of an item it opened for this node's mission: the newest report is kept (ADR 0022),
/// but only for a mission of this node that targets the region of the child it came through or one below it; anything
/// else is dropped with a warning naming the child.
/// </summary>
[WireName("rectification.status_from_below_consumer.v1")]
public sealed partial class StatusFromBelowConsumer(RectificationDbContext db, TimeProvider clock, ILogger<StatusFromBelowConsumer> logger)
    : IdempotentConsumer<RectificationStatusReceived, RectificationDbContext>(db, clock)
{
    public const string QueueName = "rectification-status-from-below";

    protected override async Task HandleAsync(RectificationStatusReceived m, ConsumeContext<RectificationStatusReceived> context)
    {
        var s = m.Status;
        var via = m.ViaRegionCode ?? s.RegionCode;
        var targets = await Db.OwnMissionRegions.AsNoTracking().Where(r => r.MissionId == s.MissionId).Select(r => r.RegionCode).ToListAsync(context.CancellationToken);
        if (!targets.Any(t => Regions.Routes(via, t)))
        {
            LogNotTargeted(logger, s.ItemId, s.MissionId, m.ViaNodeId ?? m.ReporterNodeId, via);
            return;
        }
        var row = await Db.ItemsFromBelow.SingleOrDefaultAsync(r => r.NodeId == m.ReporterNodeId && r.ItemId == s.ItemId, context.CancellationToken);
        if (row is null)
        {
            row = ItemFromBelow.Create(m.ReporterNodeId, s.ItemId);
            Db.ItemsFromBelow.Add(row);
        }
        row.Update(
            s.MissionId, s.RegionCode, s.UnitId, Clip(s.UnitName, 200), Clip(s.Status, 20), Clip(s.State, 30), s.Overdue, s.EscalationOrder, s.ReopenCount,
            s.Deadline, s.OpenedOn, s.ClosedOn, s.AsOf, Clock.GetUtcNow());
    }

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..max];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Status of item {ItemId} from child {ViaNodeId} dropped: mission {MissionId} of this node targets no region in that child's ({ViaRegionCode})")]
    private static partial void LogNotTargeted(ILogger logger, Guid itemId, Guid missionId, string viaNodeId, string viaRegionCode);
}

/// <summary>A calendar update from above is kept and, when it is in force for its year, counts this node's item deadlines and escalation from now on (ADR 0024).</summary>
[WireName("rectification.calendar_update_received_consumer.v1")]
public sealed class CalendarUpdateReceivedConsumer(RectificationDbContext db, TimeProvider clock, WorkingDayCalendarSource calendar)
    : CalendarUpdateReceivedConsumerBase<RectificationDbContext>(db, clock, calendar)
{
    public const string QueueName = "rectification-calendar-update-received";
}
