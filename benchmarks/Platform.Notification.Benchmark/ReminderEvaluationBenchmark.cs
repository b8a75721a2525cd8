using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Platform.Benchmarks.Kit;
using Platform.BuildingBlocks.Calendar;
using Platform.BuildingBlocks.Kernel.Calendar;
using Platform.Notification.Module.Domain;
using static System.FormattableString;

namespace Platform.Notification.Benchmark;

/// <summary>
/// The reminder evaluator over N open deadlines on a seeded SQLite database (the deadline_watches
/// table as the migration creates it): the indexed query a scan runs to find the watches due
/// today, and the evaluation of every watch's reminder schedule on the 2026 calendar (read +
/// evaluate, streamed, as a full re-evaluation after a calendar change would do).
/// </summary>
public sealed class ReminderEvaluationBenchmark(BenchmarkOptions options, TextWriter output, Figures figures)
{
    private static readonly DateOnly Today = new(2026, 9, 29);

    public async Task<bool> RunAsync()
    {
        var path = options.Database ?? Path.Combine(Path.GetTempPath(), $"notification-bench-{Guid.NewGuid():N}.db");
        try
        {
            await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            await connection.OpenAsync();
            var schedule = new ReminderSchedule(new WorkingDayCalendar(CalendarLoader.LoadShipped()), [3, 1]);

            var watch = Stopwatch.StartNew();
            await SeedAsync(connection, schedule);
            output.WriteLine(Invariant($"[reminders] seeded {options.Deadlines:N0} open deadlines in {watch.Elapsed.TotalSeconds:F1} s"));

            // What one scan asks the database: the watches whose next reminder is due, by the (active, next) index.
            watch.Restart();
            await using (var due = connection.CreateCommand())
            {
                due.CommandText = "SELECT COUNT(*) FROM deadline_watches WHERE Active = 1 AND NextReminderOn IS NOT NULL AND NextReminderOn <= $today";
                due.Parameters.AddWithValue("$today", Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                var count = Convert.ToInt64(await due.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
                output.WriteLine(Invariant($"[reminders] due-today query found {count:N0} of {options.Deadlines:N0} watches in {watch.Elapsed.TotalMilliseconds:F0} ms"));
                figures.Row(Invariant($"due-today query over {options.Deadlines:N0} watches"), Invariant($"{watch.Elapsed.TotalMilliseconds:F0} ms"));
                figures.Value("reminders_due_query_ms", watch.Elapsed.TotalMilliseconds, "ms");
            }

            // Every watch's schedule evaluated against today: the work of the scanner per watch.
            watch.Restart();
            long evaluated = 0, owed = 0;
            await using (var all = connection.CreateCommand())
            {
                all.CommandText = "SELECT Deadline, WatchedFrom FROM deadline_watches WHERE Active = 1";
                await using var reader = await all.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var deadline = DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                    var from = DateOnly.ParseExact(reader.GetString(1), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                    foreach (var _ in schedule.DueBetween(deadline, from, Today))
                    {
                        owed++;
                    }
                    evaluated++;
                }
            }
            var seconds = watch.Elapsed.TotalSeconds;
            output.WriteLine(Invariant($"[reminders] evaluated {evaluated:N0} deadlines ({owed:N0} reminders owed today) in {seconds:F2} s: {evaluated / seconds:N0} deadlines/s"));
            figures.Row(Invariant($"read and evaluate {evaluated:N0} deadlines"), Invariant($"{evaluated / seconds:N0} deadlines/s"));
            figures.Value("reminders_evaluated_per_second", evaluated / seconds, "deadlines/s");

            // The evaluator alone, without the database: the calendar arithmetic per deadline.
            watch.Restart();
            owed = 0;
            for (var i = 0; i < options.Deadlines; i++)
            {
                foreach (var _ in schedule.DueBetween(DeadlineOf(i), Today.AddDays(-14), Today))
                {
                    owed++;
                }
            }
            seconds = watch.Elapsed.TotalSeconds;
            output.WriteLine(Invariant($"[reminders] evaluator alone: {options.Deadlines / seconds:N0} deadlines/s ({owed:N0} owed)"));
            return true;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (options.Database is null)
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>Deadlines spread over the 90 days from today, so some reminders fall due today.</summary>
    private static DateOnly DeadlineOf(int i) => Today.AddDays(i % 90);

    private async Task SeedAsync(SqliteConnection connection, ReminderSchedule schedule)
    {
        await using (var create = connection.CreateCommand())
        {
            // The shape of the table and its scan index as the SQLite migration creates them.
            create.CommandText = """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
                CREATE TABLE deadline_watches (
                    Id TEXT NOT NULL PRIMARY KEY, SourceType TEXT NOT NULL, SourceId TEXT NOT NULL, ParentId TEXT NULL,
                    UnitId TEXT NOT NULL, UnitName TEXT NOT NULL, Title TEXT NOT NULL, Deadline TEXT NOT NULL, WatchedFrom TEXT NOT NULL,
                    Active INTEGER NOT NULL, NextReminderOn TEXT NULL, UpdatedAt INTEGER NOT NULL, UpdatedOnNode TEXT NOT NULL);
                CREATE UNIQUE INDEX IX_deadline_watches_SourceType_SourceId ON deadline_watches (SourceType, SourceId);
                CREATE INDEX IX_deadline_watches_Active_NextReminderOn ON deadline_watches (Active, NextReminderOn);
                """;
            await create.ExecuteNonQueryAsync();
        }
        await using var transaction = connection.BeginTransaction();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO deadline_watches VALUES ($id, 'assignment', $source, NULL, $unit, '单位', '任务', $deadline, $from, 1, $next, 0, 'bench')
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var source = insert.Parameters.Add("$source", SqliteType.Text);
        var unit = insert.Parameters.Add("$unit", SqliteType.Text);
        var deadline = insert.Parameters.Add("$deadline", SqliteType.Text);
        var from = insert.Parameters.Add("$from", SqliteType.Text);
        var next = insert.Parameters.Add("$next", SqliteType.Text);
        var watchedFrom = Today.AddDays(-14);
        for (var i = 0; i < options.Deadlines; i++)
        {
            var date = DeadlineOf(i);
            id.Value = Guid.CreateVersion7().ToString();
            source.Value = Guid.CreateVersion7().ToString();
            unit.Value = Guid.CreateVersion7().ToString();
            deadline.Value = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            from.Value = watchedFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            next.Value = (object?)schedule.NextOnOrAfter(date, watchedFrom)?.DueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? DBNull.Value;
            insert.ExecuteNonQuery();
        }
        await transaction.CommitAsync();
    }
}
