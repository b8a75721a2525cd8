using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Assignment = Platform.Planning.Module.Domain.Assignment;

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
    private const string AddDeltas =
        "UPDATE plan_statistics SET \"Assigned\" = \"Assigned\" + @assigned, \"Accepted\" = \"Accepted\" + @accepted, " +
        "\"ReportedOnTime\" = \"ReportedOnTime\" + @onTime, \"ReportedLate\" = \"ReportedLate\" + @late, " +
        "\"Overdue\" = \"Overdue\" + @overdue, \"Done\" = \"Done\" + @done " +
        "WHERE \"PlanId\" = @plan AND \"Dimension\" = @dimension AND \"Key\" = @key";

    /// <summary>
    /// Creates the rows the deltas need (safely when concurrent transactions need the same new
    /// row), then adds the deltas. Plain parameterised statements: an assignment to 2,000 units
    /// touches 2,001 rows, and a compiled LINQ update per row costs fifty times as much.
    /// </summary>
    public static async Task ApplyAsync(PlanningDbContext db, Dictionary<RowKey, AssignmentCounts> deltas, CancellationToken cancellationToken)
    {
        var mappings = db.GetService<IRelationalTypeMappingSource>();
        var guid = mappings.FindMapping(typeof(Guid))!;
        var text = mappings.FindMapping(typeof(string))!;
        var number = mappings.FindMapping(typeof(int))!;
        await using var command = db.Database.GetDbConnection().CreateCommand();
        var keys = InLockOrder(deltas.Keys).ToList();
        foreach (var key in keys)
        {
            // Parameters from EF's own mappings, so a Guid is written exactly as EF writes it on each provider.
            await db.Database.ExecuteSqlRawAsync(
                InsertIfMissing,
                [guid.CreateParameter(command, "plan", key.PlanId), text.CreateParameter(command, "dimension", key.Dimension), guid.CreateParameter(command, "key", key.Key)],
                cancellationToken);
        }
        foreach (var key in keys)
        {
            var d = deltas[key];
            await db.Database.ExecuteSqlRawAsync(
                AddDeltas,
                [
                    number.CreateParameter(command, "assigned", d.Assigned), number.CreateParameter(command, "accepted", d.Accepted),
                    number.CreateParameter(command, "onTime", d.OnTime), number.CreateParameter(command, "late", d.Late),
                    number.CreateParameter(command, "overdue", d.Overdue), number.CreateParameter(command, "done", d.Done),
                    guid.CreateParameter(command, "plan", key.PlanId), text.CreateParameter(command, "dimension", key.Dimension),
                    guid.CreateParameter(command, "key", key.Key),
                ],
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
