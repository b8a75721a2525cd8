using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Benchmarks.Kit;
using Platform.Contracts.Inspection.V1;

namespace Platform.Inspection.Benchmark;

/// <summary>
/// Two figures, both through the node's edge over gRPC: clue intake throughput (batches from an
/// integrator with its key), and the latency of the finding list with a province's worth of findings stored.
/// </summary>
public sealed class InspectionBenchmark(InspectionBenchmarkOptions options, TextWriter output)
{
    private static readonly string[] Sources = ["petition", "hotline_12345", "administrative_reconsideration", "administrative_litigation", "npc_cppcc_proposal", "web", "phone"];
    private static readonly string[] Categories = ["行政执法", "行政复议", "制度建设", "政务公开", "行政决策", "行政许可"];
    private static readonly string[] Severities = ["general", "general", "general", "serious", "severe"];

    private readonly CallErrors _failures = new();
    private readonly Figures _figures = new();
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private HttpClient _http = null!;
    private InspectionService.InspectionServiceClient _inspection = null!;
    private ClueIntakeService.ClueIntakeServiceClient _intake = null!;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public async Task<int> RunAsync()
    {
        output.WriteLine(Invariant($"Inspection benchmark, {DateTime.Now:yyyy-MM-dd HH:mm} local, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}"));
        output.WriteLine(Invariant($"node: http {options.Http}, gRPC {options.Grpc}; run {_run}"));
        using var http = new HttpClient { BaseAddress = options.Http, Timeout = TimeSpan.FromMinutes(2) };
        using var channel = GrpcChannel.ForAddress(options.Grpc, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true } });
        _http = http;
        _inspection = new InspectionService.InspectionServiceClient(channel);
        _intake = new ClueIntakeService.ClueIntakeServiceClient(channel);
        try
        {
            var office = await TokenAsync("bench-clerk", null, "office_staff");
            var key = await IntegratorKeyAsync();
            await IntakeAsync(key);
            var (missionId, units) = await SeedFindingsAsync(office);
            await QueryFindingsAsync(office, missionId, units);
        }
        catch (Exception ex) when (ex is RpcException or HttpRequestException or InvalidOperationException)
        {
            output.WriteLine($"ABORTED: {ex.Message}");
            _failures.Print(output);
            return 2;
        }

        _figures.Value("errors", _failures.Total, "calls");
        _figures.Print(output);
        if (_failures.Total == 0)
        {
            output.WriteLine("Run completed without errors.");
            return 0;
        }
        output.WriteLine($"RUN HAD ERRORS: {_failures.Total} failed calls; the figures count successful calls only.");
        _failures.Print(output);
        return 1;
    }

    private async Task<Metadata> TokenAsync(string user, string? unitId, string role)
    {
        using var response = await _http.PostAsJsonAsync("/dev/tokens", new { userId = user, name = user, unitId, roles = new[] { role } });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /dev/tokens answered {(int)response.StatusCode}; is an embedded node running in Development?");
        }
        var body = await response.Content.ReadFromJsonAsync<TokenResponse>();
        return new Metadata { { "authorization", "Bearer " + body!.Token } };
    }

    private async Task<Metadata> IntegratorKeyAsync()
    {
        var operatorToken = await TokenAsync("bench-operator", null, "node_operator");
        var request = new RegisterIntegratorRequest { Name = $"基准测试接入系统-{_run}" };
        request.AllowedSources.AddRange(Sources);
        var registered = await _inspection.RegisterIntegratorAsync(request, operatorToken);
        return new Metadata { { "x-integrator-key", registered.Key } };
    }

    /// <summary>Step 1: batches of new clues from several callers at once; clues per second over the wall time.</summary>
    private async Task IntakeAsync(Metadata key)
    {
        output.WriteLine(Invariant($"intake: {options.Batches} batches of {options.BatchSize} clues, {options.IntakeConcurrency} callers"));
        var timings = new Latencies();
        var accepted = 0;
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.IntakeConcurrency).Select(async _ =>
        {
            int batch;
            while ((batch = Interlocked.Increment(ref next)) < options.Batches)
            {
                var request = new IntakeCluesRequest();
                request.Clues.AddRange(Enumerable.Range(0, options.BatchSize).Select(i => NewClue(batch * options.BatchSize + i)));
                try
                {
                    var response = await timings.TimeAsync(() => _intake.IntakeCluesAsync(request, key).ResponseAsync);
                    Interlocked.Add(ref accepted, response.Accepted);
                }
                catch (RpcException ex)
                {
                    _failures.Add("IntakeClues", ex);
                }
            }
        }));
        wall.Stop();
        var rate = accepted / wall.Elapsed.TotalSeconds;
        output.WriteLine(Invariant($"  {accepted} clues accepted in {wall.Elapsed.TotalSeconds:F1} s = {rate:F0} clues/s; per batch {timings.Summarize()}"));
        _figures.Row("intake throughput (batches of " + options.BatchSize + ", " + options.IntakeConcurrency + " callers)", Invariant($"{rate:F0} clues/s"));
        _figures.Row("intake batch latency", timings.Summarize().ToString());
        _figures.Value("intake_clues_per_second", rate, "clues/s");
    }

    private NewClue NewClue(int n) => new()
    {
        SourceSystem = Sources[n % Sources.Length],
        SourceId = $"{_run}-{n:D7}",
        ReceivedAt = DateTime.UtcNow.AddMinutes(-n % 10000).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        Subject = $"群众反映第{n % 5000}号事项办理超期",
        Content = "来电人反映相关部门未在法定期限内答复，请求督促依法办理。",
        Category = Categories[n % Categories.Length],
        UnitName = $"南通市第{n % 400:D4}号局",
        RegionCode = "320600",
    };

    /// <summary>Step 2: one mission over --units target units, its team, and --findings findings recorded by the team's inspector.</summary>
    private async Task<(string MissionId, List<string> Units)> SeedFindingsAsync(Metadata office)
    {
        var inspectorUser = "bench-inspector-" + _run;
        var inspector = await _inspection.RegisterInspectorAsync(new RegisterInspectorRequest { Name = "基准督察专员", UserId = inspectorUser, Expertise = { "enforcement" } }, office);
        var create = new CreateMissionRequest
        {
            Title = $"2026年全省法治政府建设综合督察（基准{_run}）",
            Kind = "comprehensive",
            Year = 2026,
            Methods = { "reports_heard", "file_checks" },
            StartsOn = "2026-05-01",
            EndsOn = "2026-06-30",
        };
        var units = Enumerable.Range(0, options.Units).Select(_ => Guid.NewGuid().ToString()).ToList();
        create.Targets.AddRange(units.Select((u, i) => new MissionTarget { UnitId = u, UnitName = $"江苏省第{i:D3}号单位", RegionCode = "320000" }));
        var mission = await _inspection.CreateMissionAsync(create, office);
        await _inspection.FormTeamAsync(new FormTeamRequest { MissionId = mission.Id, InspectorIds = { inspector.Id }, LeaderInspectorId = inspector.Id }, office);
        foreach (var state in new[] { "notified", "in_progress" })
        {
            await _inspection.TransitionMissionAsync(new TransitionMissionRequest { MissionId = mission.Id, ToState = state }, office);
        }
        var asInspector = await TokenAsync(inspectorUser, null, "inspector");

        // Seeded through RecordFindings (a finding list of up to 500 per call), as an office imports one drawn up offline.
        const int perCall = 500;
        output.WriteLine(Invariant($"seed: {options.Findings} findings over {options.Units} units, {perCall} per RecordFindings call, {options.SeedConcurrency} callers"));
        var timings = new Latencies();
        var recorded = 0;
        var next = -1;
        var calls = (options.Findings + perCall - 1) / perCall;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.SeedConcurrency).Select(async _ =>
        {
            int call;
            while ((call = Interlocked.Increment(ref next)) < calls)
            {
                var request = new RecordFindingsRequest { MissionId = mission.Id };
                for (var n = call * perCall; n < Math.Min(options.Findings, (call + 1) * perCall); n++)
                {
                    request.Findings.Add(new NewFinding
                    {
                        ResponsibleUnitId = units[n % units.Count],
                        Title = $"第{n}号问题：行政执法案卷不规范",
                        Description = "抽查的行政处罚案卷中，部分案卷未载明陈述申辩告知，证据目录不完整。",
                        Location = "执法案卷室",
                        Category = Categories[n % Categories.Length],
                        Severity = Severities[n % Severities.Length],
                    });
                }
                try
                {
                    var response = await timings.TimeAsync(() => _inspection.RecordFindingsAsync(request, asInspector).ResponseAsync);
                    var total = Interlocked.Add(ref recorded, response.Findings.Count);
                    if (total % 20000 < perCall)
                    {
                        output.WriteLine(Invariant($"  {total} findings, {wall.Elapsed.TotalSeconds:F0} s"));
                    }
                }
                catch (RpcException ex)
                {
                    _failures.Add("RecordFindings", ex);
                }
            }
        }));
        output.WriteLine(Invariant($"  {recorded} findings in {wall.Elapsed.TotalSeconds:F1} s = {recorded / wall.Elapsed.TotalSeconds:F0}/s; RecordFindings of {perCall}: {timings.Summarize()}"));
        _figures.Row("findings stored", Invariant($"{recorded}"));
        if (recorded < options.Findings)
        {
            throw new InvalidOperationException($"only {recorded} of {options.Findings} findings were stored");
        }

        // A single RecordFinding, one at a time, as an inspector on site records them.
        var single = new Latencies();
        for (var n = 0; n < 200; n++)
        {
            await single.TimeAsync(() => _inspection.RecordFindingAsync(new RecordFindingRequest
            {
                MissionId = mission.Id, ResponsibleUnitId = units[n % units.Count], Title = $"现场发现问题{n}", Description = "现场检查发现的问题。",
                Category = Categories[n % Categories.Length], Severity = Severities[n % Severities.Length],
            }, asInspector).ResponseAsync);
        }
        _figures.Row("RecordFinding, one caller (with 100,000 stored)", single.Summarize().ToString());
        _figures.Value("record_finding_p99_ms", single.Percentile(99), "ms");

        // Feedback to every unit, so the units' own (confidentiality-filtered) list can be measured too.
        await _inspection.TransitionMissionAsync(new TransitionMissionRequest { MissionId = mission.Id, ToState = "reporting" }, office);
        foreach (var unit in units)
        {
            await _inspection.GiveFeedbackAsync(new GiveFeedbackRequest { MissionId = mission.Id, UnitId = unit }, office);
        }
        return (mission.Id, units);
    }

    /// <summary>Step 3: the finding list as the office and the units use it, first pages and a deeper page, with filters.</summary>
    private async Task QueryFindingsAsync(Metadata office, string missionId, List<string> units)
    {
        var liaisons = new List<(string Unit, Metadata Token)>();
        foreach (var unit in units)
        {
            liaisons.Add((unit, await TokenAsync("bench-liaison-" + unit[..8], unit, "unit_liaison")));
        }
        var sample = await _inspection.ListFindingsAsync(new ListFindingsRequest { MissionId = missionId, PageSize = 50 }, office);
        if (sample.Findings.Count != 50)
        {
            throw new InvalidOperationException($"the finding list returned {sample.Findings.Count} rows, not a page of 50");
        }

        output.WriteLine(Invariant($"queries: {options.Queries} ListFindings calls, {options.QueryConcurrency} callers"));
        var timings = new Latencies();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, options.QueryConcurrency).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < options.Queries)
            {
                var (unit, liaison) = liaisons[n % liaisons.Count];
                var (request, caller) = (n % 5) switch
                {
                    0 => (new ListFindingsRequest { MissionId = missionId, PageSize = 50 }, office),
                    1 => (new ListFindingsRequest { UnitId = unit, Severity = "severe", PageSize = 50 }, office),
                    2 => (new ListFindingsRequest { Category = Categories[n % Categories.Length], PageSize = 50, PageToken = "500" }, office),
                    3 => (new ListFindingsRequest { PageSize = 50 }, liaison),
                    _ => (new ListFindingsRequest { MissionId = missionId, Severity = "serious", PageSize = 50 }, liaison),
                };
                try
                {
                    var page = await timings.TimeAsync(() => _inspection.ListFindingsAsync(request, caller).ResponseAsync);
                    if (caller != office && page.Findings.Any(f => f.ResponsibleUnitId != unit))
                    {
                        throw new InvalidOperationException("a unit's list showed another unit's finding");
                    }
                }
                catch (RpcException ex)
                {
                    _failures.Add("ListFindings", ex);
                }
            }
        }));
        output.WriteLine($"  ListFindings {timings.Summarize()}");
        _figures.Row("ListFindings p99 (page of 50, mixed filters, office and units)", Invariant($"{timings.Percentile(99):F1} ms"));
        _figures.Row("ListFindings latency", timings.Summarize().ToString());
        _figures.Value("list_findings_p50_ms", timings.Percentile(50), "ms");
        _figures.Value("list_findings_p99_ms", timings.Percentile(99), "ms");
    }

    private sealed record TokenResponse(string Token);
}
