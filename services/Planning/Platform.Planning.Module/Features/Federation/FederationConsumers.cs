using MassTransit;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Calendar;
using Platform.BuildingBlocks.Federation;
using Platform.BuildingBlocks.Outbox;
using Platform.Contracts.Events;
using Platform.Contracts.Events.Federation;
using Platform.Planning.Module.Features.ReportingRuleUpdates;
using Domain = Platform.Planning.Module.Domain;

namespace Platform.Planning.Module.Features.Federation;

/// <summary>A task from the parent node arrives, or a newer revision of one that arrived before (ADR 0018).</summary>
[WireName("planning.task_received_consumer.v1")]
public sealed class CascadedTaskReceivedConsumer(PlanningDbContext db, TimeProvider clock)
    : IdempotentConsumer<CascadedTaskReceived, PlanningDbContext>(db, clock)
{
    protected override async Task HandleAsync(CascadedTaskReceived m, ConsumeContext<CascadedTaskReceived> context)
    {
        var existing = await Db.ReceivedTasks.SingleOrDefaultAsync(r => r.SenderNodeId == m.SenderNodeId && r.OriginTaskId == m.OriginTaskId, context.CancellationToken);
        if (existing is null)
        {
            Db.ReceivedTasks.Add(Domain.ReceivedTask.Receive(
                m.SenderNodeId, m.NodeId, m.OriginPlanId, m.PlanTitle, m.OriginTaskId, m.TaskNumber, m.Revision, m.TaskTitle, m.Deadline,
                m.ReportsRequested, Clock.GetUtcNow()));
            return;
        }
        // A newer revision waits for the office; it never touches the local task's assignments or reports.
        existing.Revise(m.Revision, m.PlanTitle, m.TaskTitle, m.Deadline, m.ReportsRequested, Clock.GetUtcNow());
    }
}

/// <summary>
/// A child's progress on a task this node cascaded, with its own children's rows, is stored for the roll-up. A node's
/// row is kept from the child it first came through: another child naming the same node does not overwrite it.
/// </summary>
[WireName("planning.progress_received_consumer.v1")]
public sealed partial class ChildProgressReceivedConsumer(PlanningDbContext db, TimeProvider clock, ILogger<ChildProgressReceivedConsumer> logger)
    : IdempotentConsumer<ChildProgressReceived, PlanningDbContext>(db, clock)
{
    protected override async Task HandleAsync(ChildProgressReceived m, ConsumeContext<ChildProgressReceived> context)
    {
        // Only a task this node cascaded takes progress from below, and only from a child it was cascaded to.
        var cascades = await Db.Cascades.AsNoTracking().Where(c => c.TaskId == m.TaskId).ToListAsync(context.CancellationToken);
        if (cascades.Count == 0)
        {
            return;
        }
        var planId = cascades[0].PlanId;
        if (!cascades.Any(c => c.WentTo(m.SenderNodeId))
            && !(cascades.Any(c => c.ChildNodeIds.Count == 0)
                && await Db.ChildNodes.AnyAsync(c => c.NodeId == m.SenderNodeId && c.State != "revoked", context.CancellationToken)))
        {
            LogNotCascadedTo(logger, m.TaskId, m.SenderNodeId);
            return;
        }
        // The reports the level above asked for: only when the newest cascade of the task to this child asked for them.
        var reportsRequested = cascades
            .Where(c => c.WentTo(m.SenderNodeId) || c.ChildNodeIds.Count == 0)
            .OrderByDescending(c => c.Cascaded.At)
            .Select(c => c.ReportsRequested)
            .FirstOrDefault();
        var nodeIds = m.Nodes.Select(n => n.NodeId).ToList();
        var rows = await Db.ChildProgress.Where(p => p.TaskId == m.TaskId && nodeIds.Contains(p.NodeId)).ToDictionaryAsync(p => p.NodeId, context.CancellationToken);
        var now = Clock.GetUtcNow();
        foreach (var sent in m.Nodes.DistinctBy(n => n.NodeId))
        {
            var node = RequestedReports.Bound(sent, reportsRequested);
            if (node.Reports.Count != sent.Reports.Count)
            {
                LogReportsDropped(logger, m.TaskId, node.NodeId, m.SenderNodeId, sent.Reports.Count - node.Reports.Count, reportsRequested);
            }
            if (!ProgressFigures.Plausible(node))
            {
                LogImplausible(logger, m.TaskId, node.NodeId, m.SenderNodeId);
                continue;
            }
            if (!rows.TryGetValue(node.NodeId, out var row))
            {
                row = Domain.ChildProgress.Create(planId, m.TaskId, node.NodeId);
                Db.ChildProgress.Add(row);
            }
            else if (row.ViaNodeId.Length > 0 && row.ViaNodeId != m.SenderNodeId)
            {
                LogOtherChildsNode(logger, m.TaskId, node.NodeId, m.SenderNodeId, row.ViaNodeId);
                continue;
            }
            row.Update(
                node.ParentNodeId, m.SenderNodeId, node.UnitsAssigned, node.UnitsReported, node.ReportedOnTime, node.ReportedLate,
                node.UnitsCompleted, node.UnitsOverdue, node.AsOf, ProgressUpstream.ReportsToJson(node.Reports), now);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Progress on task {TaskId} for node {NodeId} from child {SenderNodeId} ignored: that node's figures come through child {ViaNodeId}")]
    private static partial void LogOtherChildsNode(ILogger logger, Guid taskId, string nodeId, string senderNodeId, string viaNodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Progress on task {TaskId} for node {NodeId} from child {SenderNodeId}: {Count} report(s) not kept (reports requested: {Requested})")]
    private static partial void LogReportsDropped(ILogger logger, Guid taskId, string nodeId, string senderNodeId, int count, bool requested);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Progress on task {TaskId} from child {SenderNodeId} dropped: the task was not cascaded to that child")]
    private static partial void LogNotCascadedTo(ILogger logger, Guid taskId, string senderNodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Progress on task {TaskId} for node {NodeId} from child {SenderNodeId} ignored: its figures cannot be true")]
    private static partial void LogImplausible(ILogger logger, Guid taskId, string nodeId, string senderNodeId);
}

/// <summary>The edge's list of child links replaces the one kept for cascades, unless it is older (ADR 0018).</summary>
[WireName("planning.child_links_consumer.v1")]
public sealed class ChildLinksChangedConsumer(PlanningDbContext db, TimeProvider clock)
    : ChildLinksChangedConsumerBase<PlanningDbContext>(db, clock);

/// <summary>A calendar update from above is kept and, when it is in force for its year, computes this node's deadlines from now on (ADR 0024).</summary>
[WireName("planning.calendar_update_received_consumer.v1")]
public sealed class CalendarUpdateReceivedConsumer(PlanningDbContext db, TimeProvider clock, WorkingDayCalendarSource calendar)
    : CalendarUpdateReceivedConsumerBase<PlanningDbContext>(db, clock, calendar);

/// <summary>A reporting-rule update from above is kept and, for the codes it is in force for, schedules this node's tasks from now on (ADR 0024).</summary>
[WireName("planning.reporting_rule_update_received_consumer.v1")]
public sealed class ReportingRuleUpdateReceivedConsumer(PlanningDbContext db, TimeProvider clock, ReportingRuleSource rules)
    : IdempotentConsumer<ReportingRuleUpdateReceived, PlanningDbContext>(db, clock)
{
    protected override async Task HandleAsync(ReportingRuleUpdateReceived message, ConsumeContext<ReportingRuleUpdateReceived> context)
    {
        await KeptReportingRuleUpdates.KeepReceivedAsync(Db, message, Clock.GetUtcNow(), context.CancellationToken);
        await KeptReportingRuleUpdates.RefreshAsync(Db, rules, context.CancellationToken);
    }
}
