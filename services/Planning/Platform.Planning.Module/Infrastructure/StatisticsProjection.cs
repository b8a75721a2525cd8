using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Assignment = Platform.Planning.Module.Domain.Assignment;
using StatisticsRow = Platform.Planning.Module.Domain.StatisticsRow;

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

    /// <summary>
    /// Rows a chapter's counts are spread over. On deadline day every unit reporting on a chapter adds to its
    /// counts; with one row, each report's transaction waited for the one before it to commit (p99 of seconds on
    /// PostgreSQL with 64 liaisons, the chapter's row the only lock waited for). Sixteen rows keep a plan's
    /// statistics a few hundred rows to read, and units land on them by a stable hash of their id.
    /// </summary>
    public const int ChapterStripes = 16;

    /// <summary>
    /// The dimension of one stripe of a chapter's counts, "chapter/0" … "chapter/15". The stripe is in the
    /// dimension, not a column of the key, so no migration changes the table's key: during a rolling upgrade the
    /// previous version's increments (to the plain "chapter" row) still find their row, and a read adds that row
    /// to the stripes (docs/operations.md: migrations stay additive).
    /// </summary>
    public static string ChapterStripeDimension(int stripe) => ChapterDimension + "/" + stripe.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"unit", or "chapter" for a chapter's row and each of its stripes.</summary>
    public static string DimensionOf(string stored) =>
        stored.StartsWith(ChapterDimension + "/", StringComparison.Ordinal) ? ChapterDimension : stored;

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
            Add(deltas, new RowKey(assignment.PlanId, ChapterStripeDimension(StripeOf(assignment.UnitId)), assignment.ChapterId ?? Guid.Empty), delta);
        }
        return deltas;
    }

    /// <summary>Rows per statement: 9 parameters a row stays far below both providers' parameter limits.</summary>
    private const int RowsPerStatement = 200;

    /// <summary>
    /// Creates the rows the deltas need and adds the deltas in one upsert per
    /// <see cref="RowsPerStatement"/> rows: both SQLite and PostgreSQL take this form, and a row
    /// another transaction created first gets the increment instead. One statement per 200 rows, not
    /// two per row: an assignment to 2,000 units touches 2,001 rows, and 4,002 round trips inside the
    /// write transaction were most of AssignTask's time (issue 18).
    /// </summary>
    public static async Task ApplyAsync(PlanningDbContext db, Dictionary<RowKey, AssignmentCounts> deltas, CancellationToken cancellationToken)
    {
        var mappings = db.GetService<IRelationalTypeMappingSource>();
        var guid = mappings.FindMapping(typeof(Guid))!;
        var text = mappings.FindMapping(typeof(string))!;
        var number = mappings.FindMapping(typeof(int))!;
        await using var command = db.Database.GetDbConnection().CreateCommand();
        foreach (var chunk in InLockOrder(deltas.Keys).Chunk(RowsPerStatement))
        {
            var sql = new System.Text.StringBuilder(
                "INSERT INTO plan_statistics (\"PlanId\", \"Dimension\", \"Key\", \"Assigned\", \"Accepted\", \"ReportedOnTime\", \"ReportedLate\", \"Overdue\", \"Done\") VALUES ");
            var parameters = new List<object>(chunk.Length * 9);
            for (var i = 0; i < chunk.Length; i++)
            {
                var key = chunk[i];
                var d = deltas[key];
                sql.Append(i == 0 ? "" : ", ").Append($"(@p{i}, @d{i}, @k{i}, @a{i}, @c{i}, @o{i}, @l{i}, @v{i}, @f{i})");
                // Parameters from EF's own mappings, so a Guid is written exactly as EF writes it on each provider.
                parameters.Add(guid.CreateParameter(command, $"p{i}", key.PlanId));
                parameters.Add(text.CreateParameter(command, $"d{i}", key.Dimension));
                parameters.Add(guid.CreateParameter(command, $"k{i}", key.Key));
                parameters.Add(number.CreateParameter(command, $"a{i}", d.Assigned));
                parameters.Add(number.CreateParameter(command, $"c{i}", d.Accepted));
                parameters.Add(number.CreateParameter(command, $"o{i}", d.OnTime));
                parameters.Add(number.CreateParameter(command, $"l{i}", d.Late));
                parameters.Add(number.CreateParameter(command, $"v{i}", d.Overdue));
                parameters.Add(number.CreateParameter(command, $"f{i}", d.Done));
            }
            sql.Append(
                " ON CONFLICT (\"PlanId\", \"Dimension\", \"Key\") DO UPDATE SET " +
                "\"Assigned\" = plan_statistics.\"Assigned\" + excluded.\"Assigned\", " +
                "\"Accepted\" = plan_statistics.\"Accepted\" + excluded.\"Accepted\", " +
                "\"ReportedOnTime\" = plan_statistics.\"ReportedOnTime\" + excluded.\"ReportedOnTime\", " +
                "\"ReportedLate\" = plan_statistics.\"ReportedLate\" + excluded.\"ReportedLate\", " +
                "\"Overdue\" = plan_statistics.\"Overdue\" + excluded.\"Overdue\", " +
                "\"Done\" = plan_statistics.\"Done\" + excluded.\"Done\"");
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken);
        }
    }

    /// <summary>Every transaction touches rows in the same order, so two of them never wait on each other in a cycle.</summary>
    private static IEnumerable<RowKey> InLockOrder(IEnumerable<RowKey> keys) =>
        keys.OrderBy(k => k.PlanId).ThenBy(k => k.Dimension, StringComparer.Ordinal).ThenBy(k => k.Key);

    /// <summary>A plan's rows with each chapter's stripes (and a row written before them) added together: one row per unit and one per chapter.</summary>
    public static List<StatisticsRow> Combined(IEnumerable<StatisticsRow> rows) => rows
        .GroupBy(r => (r.PlanId, Dimension: DimensionOf(r.Dimension), r.Key))
        .Select(g =>
        {
            var total = Total(g);
            (total.PlanId, total.Dimension, total.Key) = g.Key;
            return total;
        })
        .ToList();

    /// <summary>The counters of several rows added together (no plan, dimension or key of its own).</summary>
    public static StatisticsRow Total(IEnumerable<StatisticsRow> rows)
    {
        var total = new StatisticsRow();
        foreach (var row in rows)
        {
            total.Assigned += row.Assigned;
            total.Accepted += row.Accepted;
            total.ReportedOnTime += row.ReportedOnTime;
            total.ReportedLate += row.ReportedLate;
            total.Overdue += row.Overdue;
            total.Done += row.Done;
        }
        return total;
    }

    /// <summary>A unit's stripe of a chapter's counts: the same on every node and run (not string or object hashing).</summary>
    internal static int StripeOf(Guid unitId)
    {
        Span<byte> bytes = stackalloc byte[16];
        unitId.TryWriteBytes(bytes);
        return (int)(System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes[12..]) % ChapterStripes);
    }

    private static AssignmentCounts Counts(PropertyValues values) => AssignmentCounts.Of(
        values.GetValue<AssignmentStatus>(nameof(Assignment.Status)),
        values.GetValue<ReportTimeliness>(nameof(Assignment.Timeliness)),
        values.GetValue<bool>(nameof(Assignment.Overdue)));

    private static void Add(Dictionary<RowKey, AssignmentCounts> deltas, RowKey key, AssignmentCounts delta) =>
        deltas[key] = deltas.TryGetValue(key, out var existing) ? existing + delta : delta;
}
