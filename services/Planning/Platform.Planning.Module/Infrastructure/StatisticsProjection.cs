using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Platform.Planning.Module.Domain;

namespace Platform.Planning.Module.Infrastructure;

/// <summary>
/// Keeps plan_statistics in step with the assignments: every save computes what each changed
/// assignment counted before and after, and adds the difference to its unit's and chapter's
/// rows with atomic increments, so concurrent writers never lose a count and a statistics
/// request reads a few rows instead of scanning reports.
/// </summary>
internal static class StatisticsProjection
{
    public const string UnitDimension = "unit";
    public const string ChapterDimension = "chapter";

    public readonly record struct RowKey(Guid PlanId, string Dimension, Guid Key);

    public static Dictionary<RowKey, AssignmentCounts> CollectDeltas(ChangeTracker tracker)
    {
        var deltas = new Dictionary<RowKey, AssignmentCounts>();
        foreach (var entry in tracker.Entries<Assignment>())
        {
            var before = entry.State is EntityState.Modified or EntityState.Deleted ? Counts(entry.OriginalValues) : default;
            var after = entry.State is EntityState.Added or EntityState.Modified ? Counts(entry.CurrentValues) : default;
            var delta = after - before;
            if (delta.IsZero)
            {
                continue;
            }
            var assignment = entry.Entity;
            Add(deltas, new RowKey(assignment.PlanId, UnitDimension, assignment.UnitId), delta);
            Add(deltas, new RowKey(assignment.PlanId, ChapterDimension, assignment.ChapterId ?? Guid.Empty), delta);
        }
        return deltas;
    }

    public static async Task EnsureRowsAsync(PlanningDbContext db, IEnumerable<RowKey> keys, CancellationToken cancellationToken)
    {
        foreach (var key in keys)
        {
            var exists = db.Statistics.Local.Any(r => r.PlanId == key.PlanId && r.Dimension == key.Dimension && r.Key == key.Key)
                || await db.Statistics.AnyAsync(r => r.PlanId == key.PlanId && r.Dimension == key.Dimension && r.Key == key.Key, cancellationToken);
            if (!exists)
            {
                db.Statistics.Add(new StatisticsRow { PlanId = key.PlanId, Dimension = key.Dimension, Key = key.Key });
            }
        }
    }

    public static async Task ApplyAsync(PlanningDbContext db, Dictionary<RowKey, AssignmentCounts> deltas, CancellationToken cancellationToken)
    {
        foreach (var (key, d) in deltas)
        {
            await db.Statistics
                .Where(r => r.PlanId == key.PlanId && r.Dimension == key.Dimension && r.Key == key.Key)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.Assigned, r => r.Assigned + d.Assigned)
                    .SetProperty(r => r.Accepted, r => r.Accepted + d.Accepted)
                    .SetProperty(r => r.ReportedOnTime, r => r.ReportedOnTime + d.OnTime)
                    .SetProperty(r => r.ReportedLate, r => r.ReportedLate + d.Late)
                    .SetProperty(r => r.Overdue, r => r.Overdue + d.Overdue)
                    .SetProperty(r => r.Done, r => r.Done + d.Done),
                    cancellationToken);
        }
        // The tracked copies are stale now; statistics are always read fresh.
        foreach (var entry in db.ChangeTracker.Entries<StatisticsRow>().ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    private static AssignmentCounts Counts(PropertyValues values) => AssignmentCounts.Of(
        values.GetValue<AssignmentStatus>(nameof(Assignment.Status)),
        values.GetValue<ReportTimeliness>(nameof(Assignment.Timeliness)),
        values.GetValue<bool>(nameof(Assignment.Overdue)));

    private static void Add(Dictionary<RowKey, AssignmentCounts> deltas, RowKey key, AssignmentCounts delta) =>
        deltas[key] = deltas.TryGetValue(key, out var existing) ? existing + delta : delta;
}
