using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Benchmarks.Kit;
using Platform.Contracts.Planning.V1;

namespace Platform.Planning.Benchmark;

/// <summary>
/// The steps of the benchmark, all through the node's public edge: tokens from /dev/tokens,
/// everything else over gRPC with the generated client.
/// </summary>
public sealed class PlanningBenchmark(BenchmarkOptions options, TextWriter output)
{
    private const string OfficeRole = "office_staff";
    private const string LiaisonRole = "unit_liaison";

    private readonly CallErrors _errors = new();
    private readonly Figures _figures = new();
    private readonly Dictionary<string, Metadata> _liaisonHeaders = new(StringComparer.Ordinal);
    private readonly List<(string AssignmentId, string UnitId)> _assignments = [];
    private Metadata _office = new();
    private HttpClient _http = null!;
    private PlanningService.PlanningServiceClient _planning = null!;
    private string _groupId = string.Empty;
    private Plan _plan = null!;
    private int _reportedAssignments;
    private int _finalReports;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public async Task<int> RunAsync()
    {
        output.WriteLine(Invariant($"Planning benchmark, {DateTime.Now:yyyy-MM-dd HH:mm} local, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}"));
        output.WriteLine(Invariant($"node: http {options.Http}, gRPC {options.Grpc}"));
        output.WriteLine(Invariant($"size: {options.Units} units, {options.Tasks} tasks, {options.Reports} reports, concurrency {options.Concurrency}, assign concurrency {options.AssignConcurrency}, {options.StatisticsCalls} statistics calls, year {options.Year}"));

        using var http = new HttpClient { BaseAddress = options.Http, Timeout = TimeSpan.FromMinutes(2) };
        using var channel = GrpcChannel.ForAddress(options.Grpc, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
            MaxReceiveMessageSize = 512 * 1024 * 1024,
        });
        _http = http;
        _planning = new PlanningService.PlanningServiceClient(channel);

        try
        {
            var units = SampleData.Units(options.Units);
            _office = await OfficeTokenAsync();
            await ImportUnitsAsync(units);
            await LiaisonTokensAsync(units);
            await ImportPlanAsync(units);
            await AssignAsync();
            await ReportAsync();
            await StatisticsAsync();
            await ExportAsync();
        }
        catch (StepFailedException ex)
        {
            output.WriteLine();
            output.WriteLine($"ABORTED: {ex.Message}");
            _errors.Print(output);
            return 2;
        }

        _figures.Value("errors", _errors.Total, "calls");
        _figures.Print(output);
        output.WriteLine();
        if (_errors.Total == 0)
        {
            output.WriteLine("Run completed without errors.");
            return 0;
        }
        output.WriteLine($"RUN HAD ERRORS: {_errors.Total} failed calls; the figures above count successful calls only.");
        _errors.Print(output);
        return 1;
    }

    private void Figure(string figure, FormattableString value) => _figures.Row(figure, Invariant(value));

    private async Task<Metadata> OfficeTokenAsync()
    {
        try
        {
            return Bearer(await MintAsync(new { userId = "bench-clerk", name = "基准测试科员", roles = new[] { OfficeRole } }));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            throw new StepFailedException(
                $"no token from POST {options.Http}dev/tokens ({ex.Message}); is an embedded node running in the Development environment?");
        }
    }

    private async Task<string> MintAsync(object request)
    {
        using var response = await _http.PostAsJsonAsync("/dev/tokens", request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TokenResponse>();
        return body?.Token ?? throw new InvalidOperationException("/dev/tokens answered without a token");
    }

    private static Metadata Bearer(string token) => new() { { "authorization", "Bearer " + token } };

    private async Task ImportUnitsAsync(IReadOnlyList<SampleUnit> units)
    {
        output.WriteLine();
        var csv = SampleData.UnitsCsv(units);
        var watch = Stopwatch.StartNew();
        var imported = await CriticalAsync("ImportUnits", () =>
            _planning.ImportUnitsAsync(new ImportUnitsRequest { Content = ByteString.CopyFrom(csv) }, _office).ResponseAsync);
        watch.Stop();
        output.WriteLine(Invariant($"[units] ImportUnits: {imported.Created} created, {imported.Updated} updated, {imported.Problems.Count} problems, {csv.Length / 1024.0:F0} KiB CSV in {watch.Elapsed.TotalSeconds:F2} s"));
        foreach (var problem in imported.Problems.Take(5))
        {
            output.WriteLine($"    line {problem.Line}: {problem.Problem}");
        }
        Figure($"import {units.Count} units (ImportUnits)", $"{watch.Elapsed.TotalSeconds:F2} s");

        var groups = await CriticalAsync("ListUnitGroups", () => _planning.ListUnitGroupsAsync(new ListUnitGroupsRequest { PageSize = 500 }, _office).ResponseAsync);
        _groupId = groups.Groups.FirstOrDefault(g => g.Name == SampleData.GroupName)?.Id
            ?? throw new StepFailedException($"the import created no group named {SampleData.GroupName}");
    }

    private async Task LiaisonTokensAsync(IReadOnlyList<SampleUnit> units)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var token = string.Empty;
        do
        {
            var page = await CriticalAsync("ListUnits", () => _planning.ListUnitsAsync(
                new ListUnitsRequest { GroupId = _groupId, PageSize = 500, PageToken = token }, _office).ResponseAsync);
            foreach (var unit in page.Units)
            {
                ids[unit.Name] = unit.Id;
            }
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        var missing = units.Count(u => !ids.ContainsKey(u.Name));
        if (missing > 0)
        {
            throw new StepFailedException($"{missing} of the imported units are not in the group {SampleData.GroupName}");
        }
        if (ids.Count != units.Count)
        {
            output.WriteLine($"    note: the group has {ids.Count} members, {ids.Count - units.Count} of them from an earlier run; all are assigned");
        }

        var minted = new Dictionary<string, Metadata>();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (pair, _) =>
        {
            try
            {
                var liaison = await MintAsync(new { userId = "liaison-" + pair.Value, unitId = pair.Value, roles = new[] { LiaisonRole } });
                lock (minted)
                {
                    minted[pair.Value] = Bearer(liaison);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                _errors.Add("dev/tokens", ex);
            }
        });
        watch.Stop();
        foreach (var (unitId, headers) in minted)
        {
            _liaisonHeaders[unitId] = headers;
        }
        output.WriteLine(Invariant($"[tokens] {minted.Count} liaison tokens (32 at a time) in {watch.Elapsed.TotalSeconds:F2} s"));
        Figure($"mint {minted.Count} liaison tokens (POST /dev/tokens, 32 at a time)", $"{watch.Elapsed.TotalSeconds:F2} s");
        if (minted.Count < ids.Count)
        {
            _errors.Print(output, "dev/tokens");
        }
    }

    private async Task ImportPlanAsync(IReadOnlyList<SampleUnit> units)
    {
        output.WriteLine();
        var text = SampleData.PlanDocument(options.Year, options.Tasks, units);
        var watch = Stopwatch.StartNew();
        var imported = await CriticalAsync("ImportPlanDocument", () => _planning.ImportPlanDocumentAsync(
            new ImportPlanDocumentRequest { Year = options.Year, Text = text }, _office).ResponseAsync);
        watch.Stop();
        var chapters = imported.Plan.Chapters.Count;
        var named = imported.Plan.Tasks.Count(t => t.LeadUnitIds.Count > 0 && t.UnitGroupIds.Contains(_groupId));
        output.WriteLine(Invariant($"[plan] ImportPlanDocument: {imported.Plan.Tasks.Count} tasks in {chapters} chapters ({named} with lead units and the group matched), {imported.Problems.Count} problems, {text.Length} characters in {watch.Elapsed.TotalMilliseconds:F0} ms"));
        foreach (var problem in imported.Problems.Take(10))
        {
            output.WriteLine($"    line {problem.Line}: {problem.Problem} — {problem.Text}");
        }
        Figure($"import the plan document ({imported.Plan.Tasks.Count} tasks, {imported.Problems.Count} problems)", $"{watch.Elapsed.TotalMilliseconds:F0} ms");
        if (imported.Plan.Tasks.Count != options.Tasks)
        {
            throw new StepFailedException($"the document has {options.Tasks} tasks but the node read {imported.Plan.Tasks.Count}");
        }

        watch.Restart();
        _plan = await CriticalAsync("IssuePlan", () => _planning.IssuePlanAsync(new IssuePlanRequest { PlanId = imported.Plan.Id }, _office).ResponseAsync);
        watch.Stop();
        output.WriteLine(Invariant($"[plan] IssuePlan: {_plan.Status} in {watch.Elapsed.TotalMilliseconds:F0} ms"));
    }

    private async Task AssignAsync()
    {
        output.WriteLine();
        var tasks = _plan.Tasks.OrderBy(t => t.Number).ToList();
        var latencies = new Latencies();
        var created = new List<Assignment>[tasks.Count];
        var watch = Stopwatch.StartNew();
        using (Progress("AssignTask", () => created.Sum(c => c?.Count ?? 0), "assignments"))
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, tasks.Count), new ParallelOptions { MaxDegreeOfParallelism = options.AssignConcurrency }, async (i, _) =>
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    var response = await _planning.AssignTaskAsync(new AssignTaskRequest { TaskId = tasks[i].Id, UnitGroupId = _groupId }, _office).ResponseAsync;
                    latencies.Record(start);
                    created[i] = [.. response.Assignments];
                }
                catch (RpcException ex)
                {
                    _errors.Add("AssignTask", ex);
                }
            });
        }
        watch.Stop();
        foreach (var assignment in created.Where(c => c is not null).SelectMany(c => c))
        {
            _assignments.Add((assignment.Id, assignment.UnitId));
        }
        var perSecond = _assignments.Count / watch.Elapsed.TotalSeconds;
        output.WriteLine(Invariant($"[assign] {_assignments.Count} assignments over {tasks.Count} AssignTask calls ({options.AssignConcurrency} at a time) in {watch.Elapsed.TotalSeconds:F1} s: {perSecond:F0} assignments/s"));
        output.WriteLine($"    AssignTask latency: {latencies.Summarize()}");
        _errors.Print(output, "AssignTask");
        Figure($"assign {tasks.Count} tasks to the group ({_assignments.Count} assignments, {options.AssignConcurrency} at a time)", $"{watch.Elapsed.TotalSeconds:F1} s");
        Figure($"assignments per second", $"{perSecond:F0}");
        Figure($"AssignTask latency (one call = {_liaisonHeaders.Count} assignments) p50 / max", $"{latencies.Summarize().P50 / 1000:F1} s / {latencies.Summarize().Max / 1000:F1} s");
        _figures.Value("assignments_per_second", perSecond, "assignments/s");
        _figures.Value("assign_task_p50_ms", latencies.Percentile(50), "ms");
        _figures.Value("assign_task_max_ms", latencies.Max, "ms");
        if (_assignments.Count == 0)
        {
            throw new StepFailedException("no task could be assigned");
        }
    }

    private async Task ReportAsync()
    {
        output.WriteLine();
        if (options.Reports == 0)
        {
            output.WriteLine("[reports] skipped (--reports 0)");
            return;
        }
        // Report k goes to assignment slot k % M of a shuffled order; a slot always belongs to the
        // same caller, so one assignment's reports are filed in order and never race each other.
        var order = _assignments.ToArray();
        new Random(20261123).Shuffle(order);
        var m = order.Length;
        var latencies = new Latencies();
        var done = 0;
        var reported = new bool[m];
        var watch = Stopwatch.StartNew();
        using (Progress("ReportProgress", () => Volatile.Read(ref done), "reports"))
        {
            var callers = Enumerable.Range(0, options.Concurrency).Select(caller => Task.Run(async () =>
            {
                var random = new Random(caller);
                for (var k = 0; k < options.Reports; k++)
                {
                    var slot = k % m;
                    if (slot % options.Concurrency == caller)
                    {
                        await FileReportAsync(order[slot], slot, k, m, random, latencies, reported);
                        Interlocked.Increment(ref done);
                    }
                }
            })).ToList();
            await Task.WhenAll(callers);
        }
        watch.Stop();
        _reportedAssignments = reported.Count(r => r);
        var summary = latencies.Summarize();
        var perSecond = summary.Count / watch.Elapsed.TotalSeconds;
        output.WriteLine(Invariant($"[reports] {summary.Count} reports filed ({_finalReports} final) on {_reportedAssignments} assignments by {options.Concurrency} callers in {watch.Elapsed.TotalSeconds:F1} s: {perSecond:F0} reports/s"));
        output.WriteLine($"    ReportProgress latency: {summary}");
        output.WriteLine($"    ReportProgress latency bands: {latencies.Bands(10, 50, 150, 300, 600, 1200, 5000)}");
        _errors.Print(output, "ReportProgress");
        Figure($"file {summary.Count} progress reports ({options.Concurrency} callers)", $"{watch.Elapsed.TotalSeconds:F1} s");
        Figure($"reports per second", $"{perSecond:F0}");
        Figure($"ReportProgress latency p50 / p95 / p99", $"{summary.P50:F1} / {summary.P95:F1} / {summary.P99:F1} ms");
        _figures.Value("reports_per_second", perSecond, "reports/s");
        _figures.Value("report_progress_p50_ms", summary.P50, "ms");
        _figures.Value("report_progress_p99_ms", summary.P99, "ms");
    }

    private async Task FileReportAsync(
        (string AssignmentId, string UnitId) assignment, int slot, int k, int m, Random random, Latencies latencies, bool[] reported)
    {
        var last = k + m >= options.Reports;
        var final = last && options.FinalEvery > 0 && slot % options.FinalEvery == 0;
        var round = k / m;
        var request = new ReportProgressRequest
        {
            AssignmentId = assignment.AssignmentId,
            Text = SampleData.ReportText(random, final),
            Percent = final ? 100 : Math.Min(95, (20 * (round + 1)) + random.Next(0, 10)),
            Final = final,
        };
        if (!_liaisonHeaders.TryGetValue(assignment.UnitId, out var headers))
        {
            _errors.Add("ReportProgress", new InvalidOperationException($"no liaison token for unit {assignment.UnitId}"));
            return;
        }
        var start = Stopwatch.GetTimestamp();
        try
        {
            await _planning.ReportProgressAsync(request, headers).ResponseAsync;
            latencies.Record(start);
            reported[slot] = true;
            if (final)
            {
                Interlocked.Increment(ref _finalReports);
            }
        }
        catch (RpcException ex)
        {
            _errors.Add("ReportProgress", ex);
        }
    }

    private async Task StatisticsAsync()
    {
        output.WriteLine();
        var request = new GetPlanStatisticsRequest { PlanId = _plan.Id };
        var watch = Stopwatch.StartNew();
        var first = await CriticalAsync("GetPlanStatistics", () => _planning.GetPlanStatisticsAsync(request, _office).ResponseAsync);
        watch.Stop();
        var t = first.Totals;
        output.WriteLine(Invariant($"[statistics] first call (computed, then cached by the node for 5 s): {watch.Elapsed.TotalMilliseconds:F0} ms, {first.CalculateSize() / 1024.0:F0} KiB, {first.ByUnit.Count} unit rows, {first.ByChapter.Count} chapter rows"));
        output.WriteLine(Invariant($"    totals: assigned {t.Assigned}, accepted {t.Accepted}, reported on time {t.ReportedOnTime}, reported late {t.ReportedLate}, overdue {t.Overdue}, done {t.Done}, on-time rate {t.OnTimeRate:P1}, completion rate {t.CompletionRate:P2}"));
        output.WriteLine(Invariant($"    expected: assigned {_assignments.Count}; accepted = on time + late = assignments reported on {_reportedAssignments}; done = final reports {_finalReports}"));
        var chapterAssigned = first.ByChapter.Sum(r => r.Assigned);
        var unitAssigned = first.ByUnit.Sum(r => r.Assigned);
        var adds = t.Assigned == _assignments.Count && t.Accepted == _reportedAssignments
            && t.ReportedOnTime + t.ReportedLate == _reportedAssignments && t.Done == _finalReports
            && chapterAssigned == t.Assigned && unitAssigned == t.Assigned;
        output.WriteLine(adds
            ? "    the totals add up (units and chapters sum to the totals, and match what was sent)"
            : Invariant($"    THE TOTALS DO NOT ADD UP (sum over units {unitAssigned}, over chapters {chapterAssigned})"));
        if (!adds)
        {
            _errors.Add("statistics totals", new InvalidOperationException("totals differ from what the benchmark sent"));
        }
        Figure($"GetPlanStatistics first call ({first.ByUnit.Count} unit rows)", $"{watch.Elapsed.TotalMilliseconds:F0} ms");
        Figure($"statistics totals", $"assigned {t.Assigned}, accepted {t.Accepted}, on time {t.ReportedOnTime}, late {t.ReportedLate}, overdue {t.Overdue}, done {t.Done}");

        foreach (var callers in new[] { 1, options.Concurrency })
        {
            var latencies = new Latencies();
            var next = -1;
            watch.Restart();
            await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
            {
                while (Interlocked.Increment(ref next) < options.StatisticsCalls)
                {
                    var start = Stopwatch.GetTimestamp();
                    try
                    {
                        await _planning.GetPlanStatisticsAsync(request, _office).ResponseAsync;
                        latencies.Record(start);
                    }
                    catch (RpcException ex)
                    {
                        _errors.Add("GetPlanStatistics", ex);
                    }
                }
            })));
            watch.Stop();
            var summary = latencies.Summarize();
            var label = callers == 1 ? "sequential" : $"{callers} callers";
            output.WriteLine(Invariant($"[statistics] {summary.Count} GetPlanStatistics calls, {label}, in {watch.Elapsed.TotalSeconds:F1} s ({summary.Count / watch.Elapsed.TotalSeconds:F0}/s): {summary}"));
            output.WriteLine($"    latency bands: {latencies.Bands(10, 50, 150, 300, 600, 1200, 5000)}");
            Figure($"GetPlanStatistics x{options.StatisticsCalls}, {label}: p50 / p95 / p99 / max", $"{summary.P50:F1} / {summary.P95:F1} / {summary.P99:F1} / {summary.Max:F1} ms");
            _figures.Value(callers == 1 ? "statistics_sequential_p99_ms" : "statistics_concurrent_p99_ms", summary.P99, "ms");
        }
        _errors.Print(output, "GetPlanStatistics");
    }

    private async Task ExportAsync()
    {
        output.WriteLine();
        var watch = Stopwatch.StartNew();
        try
        {
            var file = await _planning.ExportPlanAsync(new ExportPlanRequest { PlanId = _plan.Id }, _office).ResponseAsync;
            watch.Stop();
            output.WriteLine(Invariant($"[export] ExportPlan: {file.FileName}, {file.Content.Length} bytes in {watch.Elapsed.TotalMilliseconds:F0} ms"));
            Figure($"ExportPlan (one call)", $"{file.Content.Length} bytes, {watch.Elapsed.TotalMilliseconds:F0} ms");
        }
        catch (RpcException ex)
        {
            _errors.Add("ExportPlan", ex);
            _errors.Print(output, "ExportPlan");
        }
    }

    /// <summary>A call the later steps depend on: its failure ends the run.</summary>
    private async Task<T> CriticalAsync<T>(string step, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RpcException ex)
        {
            _errors.Add(step, ex);
            var hint = ex.StatusCode == StatusCode.ResourceExhausted ? " (rate limited: start the node with --Edge:RateLimit:Enabled=false)" : string.Empty;
            throw new StepFailedException($"{step} failed with {ex.StatusCode}: {ex.Status.Detail}{hint}");
        }
    }

    /// <summary>Prints how far a long step is every 15 seconds.</summary>
    private IDisposable Progress(string step, Func<int> count, string what)
    {
        var watch = Stopwatch.StartNew();
        var timer = new Timer(_ =>
        {
            var n = count();
            output.WriteLine(Invariant($"    ... {step}: {n} {what} after {watch.Elapsed.TotalSeconds:F0} s ({n / watch.Elapsed.TotalSeconds:F0}/s), {_errors.For(step)} errors"));
        }, null, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15));
        return timer;
    }

    private sealed record TokenResponse(string Token);

    private sealed class StepFailedException(string message) : Exception(message);
}
