using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Wire = Platform.Contracts.Events.Planning;
using Assignment = Platform.Planning.Module.Domain.Assignment;
using ReceivedTask = Platform.Planning.Module.Domain.ReceivedTask;

namespace Platform.Planning.Module.Infrastructure;

/// <summary>
/// Progress going up the hierarchy (ADR 0018): when a save changes the assignments of a task that came
/// from the parent node, or what its own children reported of it, the same transaction adds the task's
/// new summary as <see cref="Wire.ReceivedTaskProgressed"/>; the edge sends it to the parent.
/// </summary>
internal static class ProgressUpstream
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static HashSet<Guid> CollectTaskIds(ChangeTracker tracker)
    {
        var ids = new HashSet<Guid>();
        foreach (var entry in tracker.Entries<Assignment>().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            ids.Add(entry.Entity.TaskId);
        }
        foreach (var entry in tracker.Entries<ChildProgress>().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            ids.Add(entry.Entity.TaskId);
        }
        // Accepting a received task tells the parent at once that the node has taken it on.
        foreach (var entry in tracker.Entries<ReceivedTask>().Where(e => e.State is EntityState.Added or EntityState.Modified && e.Entity.LocalTaskId is not null))
        {
            ids.Add(entry.Entity.LocalTaskId!.Value);
        }
        return ids;
    }

    /// <returns>Whether any event was added (the caller saves it).</returns>
    public static async Task<bool> AddEventsAsync(PlanningDbContext db, HashSet<Guid> taskIds, CancellationToken cancellationToken)
    {
        var received = await db.ReceivedTasks.AsNoTracking()
            .Where(r => r.LocalTaskId != null && taskIds.Contains(r.LocalTaskId.Value))
            .ToListAsync(cancellationToken);
        var now = DateTimeOffset.UtcNow;
        foreach (var task in received)
        {
            var nodes = new List<Wire.NodeProgress>
            {
                await OwnAsync(db, task.LocalTaskId!.Value, task.ReceiverNodeId, task.SenderNodeId, task.ReportsRequested, now, cancellationToken),
            };
            nodes.AddRange(await DescendantsAsync(db, [task.LocalTaskId!.Value], cancellationToken));
            db.AddIntegrationEvent(new Wire.ReceivedTaskProgressed(task.SenderNodeId, task.OriginTaskId, nodes, now, task.ReceiverNodeId));
        }
        return received.Count > 0;
    }

    /// <summary>This node's own units on a task, counted from their assignments.</summary>
    public static async Task<Wire.NodeProgress> OwnAsync(
        PlanningDbContext db, Guid taskId, string nodeId, string parentNodeId, bool withReports, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var assignments = await db.Assignments.AsNoTracking()
            .Where(a => a.TaskId == taskId && a.Status != AssignmentStatus.Returned)
            .Select(a => new { a.UnitId, a.UnitName, a.Status, a.Timeliness, a.Overdue, Reported = a.LastReportedAt != null })
            .ToListAsync(cancellationToken);
        IReadOnlyList<Wire.RequestedReport> reports = [];
        if (withReports)
        {
            var names = assignments.ToDictionary(a => a.UnitId, a => a.UnitName);
            var filed = await db.Reports.AsNoTracking().Where(r => r.TaskId == taskId).ToListAsync(cancellationToken);
            reports = filed
                .GroupBy(r => r.UnitId)
                .Select(g => g.OrderByDescending(r => r.Reported.At).First())
                .Where(r => names.ContainsKey(r.UnitId))
                .OrderBy(r => names[r.UnitId], StringComparer.Ordinal)
                .Select(r => new Wire.RequestedReport(names[r.UnitId], r.Percent, r.Text, r.Final, r.Reported.At))
                .ToList();
        }
        return new Wire.NodeProgress(
            nodeId, parentNodeId, assignments.Count, assignments.Count(a => a.Reported),
            assignments.Count(a => a.Timeliness == ReportTimeliness.OnTime), assignments.Count(a => a.Timeliness == ReportTimeliness.Late),
            assignments.Count(a => a.Status == AssignmentStatus.Done), assignments.Count(a => a.Overdue), asOf, reports);
    }

    /// <summary>What the children (and through them the grandchildren) last sent up for these tasks.</summary>
    public static async Task<List<Wire.NodeProgress>> DescendantsAsync(PlanningDbContext db, IReadOnlyCollection<Guid> taskIds, CancellationToken cancellationToken) =>
        (await db.ChildProgress.AsNoTracking().Where(p => taskIds.Contains(p.TaskId)).OrderBy(p => p.NodeId).ToListAsync(cancellationToken))
            .Select(ToWire)
            .ToList();

    public static Wire.NodeProgress ToWire(ChildProgress row) => new(
        row.NodeId, row.ParentNodeId, row.UnitsAssigned, row.UnitsReported, row.ReportedOnTime, row.ReportedLate, row.UnitsCompleted,
        row.UnitsOverdue, row.AsOf, JsonSerializer.Deserialize<List<Wire.RequestedReport>>(row.ReportsJson, Json) ?? []);

    public static string ReportsToJson(IReadOnlyList<Wire.RequestedReport> reports) => JsonSerializer.Serialize(reports, Json);
}
