using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
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

    // Both SQLite and PostgreSQL take this form; a row another transaction created first is left alone.
    private const string InsertIfMissing =
        "INSERT INTO plan_statistics (\"PlanId\", \"Dimension\", \"Key\", \"Assigned\", \"Accepted\", \"ReportedOnTime\", \"ReportedLate\", \"Overdue\", \"Done\") " +
        "VALUES (@plan, @dimension, @key, 0, 0, 0, 0, 0, 0) ON CONFLICT DO NOTHING";

    /// <summary>Creates the rows the deltas need, safely when concurrent transactions need the same new row.</summary>
    public static async Task EnsureRowsAsync(PlanningDbContext db, IEnumerable<RowKey> keys, CancellationToken cancellationToken)
    {
        var mappings = db.GetService<IRelationalTypeMappingSource>();
        var guid = mappings.FindMapping(typeof(Guid))!;
        var text = mappings.FindMapping(typeof(string))!;
        await using var command = db.Database.GetDbConnection().CreateCommand();
        foreach (var key in InLockOrder(keys))
        {
            // Parameters from EF's own mappings, so a Guid is written exactly as EF writes it on each provider.
            await db.Database.ExecuteSqlRawAsync(
                InsertIfMissing,
                [guid.CreateParameter(command, "plan", key.PlanId), text.CreateParameter(command, "dimension", key.Dimension), guid.CreateParameter(command, "key", key.Key)],
                cancellationToken);
        }
    }

    public static async Task ApplyAsync(PlanningDbContext db, Dictionary<RowKey, AssignmentCounts> deltas, CancellationToken cancellationToken)
    {
        foreach (var key in InLockOrder(deltas.Keys))
        {
            var d = deltas[key];
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
    }

    /// <summary>Every transaction touches rows in the same order, so two of them never wait on each other in a cycle.</summary>
    private static IEnumerable<RowKey> InLockOrder(IEnumerable<RowKey> keys) =>
        keys.OrderBy(k => k.PlanId).ThenBy(k => k.Dimension, StringComparer.Ordinal).ThenBy(k => k.Key);

    private static AssignmentCounts Counts(PropertyValues values) => AssignmentCounts.Of(
        values.GetValue<AssignmentStatus>(nameof(Assignment.Status)),
        values.GetValue<ReportTimeliness>(nameof(Assignment.Timeliness)),
        values.GetValue<bool>(nameof(Assignment.Overdue)));

    private static void Add(Dictionary<RowKey, AssignmentCounts> deltas, RowKey key, AssignmentCounts delta) =>
        deltas[key] = deltas.TryGetValue(key, out var existing) ? existing + delta : delta;
}
