using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Benchmarks.Kit;
using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Calendar;
using Platform.BuildingBlocks.Kernel.Calendar;
using Platform.BuildingBlocks.Kernel.Time;
using Platform.BuildingBlocks.Node;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Rectification.V1;
using Platform.Rectification.Module.Domain;
using Platform.Rectification.Module.Features;
using Platform.Rectification.Module.Features.Escalation;
using Platform.Rectification.Module.Infrastructure;
using static System.FormattableString;

namespace Platform.Rectification.Benchmark;

/// <summary>
/// 1. Seeds N open items (a province's worth of findings) into the node's rectification database
///    through the module's own entities and DbContext: benchmark-only, no events are raised.
/// 2. Measures the ledger query (ListLedger of one unit, as its liaison) over the node's gRPC edge.
/// 3. Times one escalation evaluation over all open items (overdue marking with its events, and
///    the next-step proposals), then a second, steady-state pass.
/// </summary>
public sealed class RectificationBenchmark(BenchmarkOptions options, TextWriter output)
{
    /// <summary>The seeded items belong to this mission, so a rerun recognises them.</summary>
    private static readonly Guid BenchmarkMission = Guid.Parse("0193a000-0000-7000-8000-00000000be4c");

    private static readonly string[] Counties = ["320602", "320611", "320612", "320613", "320614", "320623", "320681", "320682", "320685"];
    private static readonly string[] Categories = ["行政执法", "行政审批", "行政复议", "重大决策", "规范性文件", "政务公开"];
    private static readonly string[] SeverityCycle = [Severities.General, Severities.General, Severities.Serious, Severities.Severe];

    private readonly Figures _figures = new();

    public async Task<int> RunAsync()
    {
        var databasePath = Path.GetFullPath(Path.Combine(options.DataDirectory, "rectificationdb.db"));
        if (!File.Exists(databasePath))
        {
            await Console.Error.WriteLineAsync($"no rectification database at {databasePath}: start the embedded node first (see docs/rectification.md)");
            return 1;
        }
        var connection = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true }.ToString();
        await using var services = BuildServices(connection);
        var calendar = services.GetRequiredService<WorkingDayCalendar>();

        var units = await SeedAsync(services, calendar);
        await MeasureLedgerAsync(units);
        await EvaluateAsync(services);

        _figures.Print(output);
        return 0;
    }

    /// <summary>
    /// The escalation evaluator over a rectification store, as the node registers it (also used by the micro-benchmarks):
    /// the shipped calendar, both as the source that updates from above change (which the deadline policy reads) and as
    /// the calendar the node started with.
    /// </summary>
    public static ServiceProvider BuildServices(string connection)
    {
        var calendar = new WorkingDayCalendarSource(CalendarLoader.LoadShipped(), []);
        var services = new ServiceCollection();
        services.AddDbContext<RectificationDbContext, SqliteRectificationDbContext>(db => db.UseSqlite(connection));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(calendar);
        services.AddSingleton(calendar.Current);
        services.AddSingleton(Options.Create(new NodeOptions { Id = "benchmark", Name = "基准测试" }));
        services.AddSingleton(Options.Create(new EvaluatorOptions()));
        services.AddSingleton(Options.Create(new DeadlineOptions()));
        services.AddSingleton<Microsoft.Extensions.Logging.ILogger<EscalationEvaluator>>(NullLogger<EscalationEvaluator>.Instance);
        services.AddSingleton<EscalationEvaluator>();
        // The evaluator writes the audit entries of its set-based proposals by hand (the node's
        // ModuleSetup registers these). No Audit:EntryKey here: the benchmark's entries carry no MAC.
        services.AddHttpContextAccessor();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<AuditEntryKey>();
        services.AddSingleton<AuditRecorder>();
        return services.BuildServiceProvider();
    }

    private static Guid UnitId(int index) => Guid.Parse(Invariant($"0193a000-0000-7000-8000-{index:D12}"));

    private async Task<int> SeedAsync(ServiceProvider services, WorkingDayCalendar calendar)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var existing = await scope.ServiceProvider.GetRequiredService<RectificationDbContext>().Items.CountAsync(i => i.MissionId == BenchmarkMission);
            if (existing > 0)
            {
                output.WriteLine(Invariant($"[seed] {existing} benchmark items already present; not seeding again (use a fresh data directory for a first-pass figure)"));
                return options.Units;
            }
        }

        var watch = Stopwatch.StartNew();
        await SeedItemsAsync(services, calendar, options.Items, options.Units);
        watch.Stop();
        output.WriteLine(Invariant($"[seed] {options.Items} items for {options.Units} units in {watch.Elapsed.TotalSeconds:F1} s"));
        return options.Units;
    }

    /// <summary>
    /// Opens <paramref name="items"/> items of the benchmark mission for <paramref name="units"/> units, deadlines
    /// from 90 working days ago to 20 ahead, written through the module's DbContext (no events).
    /// </summary>
    public static async Task SeedItemsAsync(ServiceProvider services, WorkingDayCalendar calendar, int items, int units)
    {
        var today = TimeProvider.System.TodayInChina();
        const int batch = 2000;
        for (var start = 0; start < items; start += batch)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RectificationDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(start + batch, items); i++)
            {
                var unit = i % units;
                // Deadlines from 90 working days ago to 20 ahead: most items lag by different amounts,
                // so the evaluator marks, proposes reminders and leaves some alone.
                var deadline = calendar.AddWorkingDays(today, 20 - (i % 110));
                var stamp = new Audit("inspector-bench", DateTimeOffset.UtcNow, "benchmark");
                var (item, entry) = Module.Domain.RectificationItem.Open(
                    Guid.CreateVersion7(), Guid.CreateVersion7(), BenchmarkMission, "基准测试全面督察", UnitId(unit),
                    Invariant($"基准测试单位{unit:D4}"), Counties[unit % Counties.Length],
                    Invariant($"问题{i}：行政执法案卷不规范"), "案卷评查发现的问题。", "执法大队", Categories[i % Categories.Length],
                    SeverityCycle[i % SeverityCycle.Length], deadline, calendar.AddWorkingDays(deadline, -40), stamp);
                db.Items.Add(item);
                db.History.Add(entry);
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
        }
    }

    private async Task MeasureLedgerAsync(int units)
    {
        using var http = new HttpClient { BaseAddress = options.Http };
        using var channel = GrpcChannel.ForAddress(options.Grpc);
        var api = new RectificationService.RectificationServiceClient(channel);
        var tokenCount = Math.Min(units, 200);
        var tokens = new Metadata[tokenCount];
        for (var u = 0; u < tokenCount; u++)
        {
            using var response = await http.PostAsJsonAsync("/dev/tokens", new
            {
                userId = Invariant($"bench-liaison-{u}"), unitId = UnitId(u).ToString(), roles = new[] { "unit_liaison" },
            });
            response.EnsureSuccessStatusCode();
            var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.Token;
            tokens[u] = new Metadata { { "authorization", "Bearer " + token } };
        }

        // Warm-up: connections, JIT, SQLite page cache.
        for (var u = 0; u < Math.Min(tokenCount, 20); u++)
        {
            await api.ListLedgerAsync(new ListLedgerRequest { UnitId = UnitId(u).ToString(), PageSize = 50 }, tokens[u]);
        }

        var latencies = new Latencies();
        var next = -1;
        var rows = 0L;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async _ =>
        {
            int call;
            while ((call = Interlocked.Increment(ref next)) < options.LedgerCalls)
            {
                var unit = call * 7919 % tokenCount;
                var page = await latencies.TimeAsync(() => api.ListLedgerAsync(new ListLedgerRequest { UnitId = UnitId(unit).ToString(), PageSize = 50 }, tokens[unit]).ResponseAsync);
                Interlocked.Add(ref rows, page.Rows.Count);
            }
        }));
        watch.Stop();
        output.WriteLine(Invariant(
            $"[ledger] {options.LedgerCalls} ListLedger calls (one unit, 50 rows, {options.Concurrency} callers): {latencies}; {options.LedgerCalls / watch.Elapsed.TotalSeconds:F0} calls/s, {rows / (double)options.LedgerCalls:F0} rows per call"));
        _figures.Row("ListLedger of one unit (50 rows), p50 / p99", Invariant($"{latencies.Percentile(50):F1} ms / {latencies.Percentile(99):F1} ms"));
        _figures.Value("ledger_calls_per_second", options.LedgerCalls / watch.Elapsed.TotalSeconds, "calls/s");
        _figures.Value("ledger_p99_ms", latencies.Percentile(99), "ms");
    }

    private async Task EvaluateAsync(ServiceProvider services)
    {
        var evaluator = services.GetRequiredService<EscalationEvaluator>();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RectificationDbContext>();
        var open = await db.Items.CountAsync(i => i.State != ItemState.Verified);

        var watch = Stopwatch.StartNew();
        var first = await evaluator.EvaluateAsync(CancellationToken.None);
        watch.Stop();
        output.WriteLine(Invariant(
            $"[escalation] first pass over {open} open items: {first.MarkedOverdue} marked overdue (each with its event and history entry), {first.Proposed} steps proposed in {watch.Elapsed.TotalSeconds:F2} s"));
        _figures.Row(Invariant($"escalation evaluation, {open} open items, first pass"), Invariant($"{watch.Elapsed.TotalSeconds:F2} s ({first.MarkedOverdue} overdue, {first.Proposed} proposals)"));
        _figures.Value("escalation_first_pass_ms", watch.Elapsed.TotalMilliseconds, "ms");

        watch.Restart();
        var second = await evaluator.EvaluateAsync(CancellationToken.None);
        watch.Stop();
        output.WriteLine(Invariant(
            $"[escalation] steady-state pass: {second.MarkedOverdue} marked, {second.Proposed} proposed in {watch.Elapsed.TotalMilliseconds:F0} ms"));
        _figures.Row(Invariant($"escalation evaluation, {open} open items, steady state"), Invariant($"{watch.Elapsed.TotalMilliseconds:F0} ms"));
        _figures.Value("escalation_steady_state_ms", watch.Elapsed.TotalMilliseconds, "ms");
    }

    private sealed record TokenResponse(string Token);
}
