using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Benchmarks.Kit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Platform.Assessment.Module.Domain;
using Platform.Assessment.Module.Infrastructure;
using Platform.BuildingBlocks.Kernel.Time;
using Platform.Contracts.Assessment.V1;
using Platform.Contracts.Planning.V1;
using static System.FormattableString;

namespace Platform.Assessment.Benchmark;

/// <summary>
/// Gansu's 2023 province campaign (述法) through a running embedded node's gRPC edge, in order:
/// 1. the province's units (planning's ImportUnits; assessment learns them from planning.unit_saved.v1),
///    its reporters (ImportPeople, CSV chunks), the campaign and its roster (GenerateRoster, checked
///    complete: everyone on the duty list, 应述尽述);
/// 2. every reporter's report, submitted by their unit's liaison (SubmitDutyReport) from concurrent callers;
///    a share reviewed by the office (ReviewDutyReport);
/// 3. the dashboard, grouped by level, kind of post and unit (GetCampaignDashboard), its totals checked;
/// 4. the year's derived scores: an indicator tree with a derived leaf per event source, facts seeded
///    straight into the node's assessment database (benchmark-only: the events behind them would need
///    every other service's flows), then one ranking of every unit (RankUnits computes every unit's
///    score sheet) and the p99 of the county departments' ranking.
/// Its numeric figures go to the harness through the kit's <see cref="Figures"/>.
/// </summary>
public sealed class AssessmentBenchmark(BenchmarkOptions options, TextWriter output)
{
    private static readonly string[] Forms = ["书面", "专题", "会议", "新媒体"];
    private static readonly string[] Ratings = ["excellent", "good", "good", "fair", "poor"];
    private static readonly string[] GroupBys = ["level", "post_kind", "unit"];

    private readonly CallErrors _errors = new();
    private readonly Figures _figures = new();
    private readonly HttpClient _http = new() { BaseAddress = options.Http };
    private readonly int _year = TimeProvider.System.TodayInChina().Year;
    private AssessmentService.AssessmentServiceClient _assessment = null!;
    private EvaluationService.EvaluationServiceClient _evaluation = null!;
    private PlanningService.PlanningServiceClient _planning = null!;
    private Metadata _office = null!;

    private sealed class StepFailedException(string message) : Exception(message);

    private sealed record TokenResponse(string Token);

    private sealed record Entry(string Id, string UnitId);

    public async Task<int> RunAsync()
    {
        var databasePath = Path.GetFullPath(Path.Combine(options.DataDirectory, "assessmentdb.db"));
        if (!File.Exists(databasePath))
        {
            await Console.Error.WriteLineAsync($"no assessment database at {databasePath}: start the embedded node with --Database:DataDirectory={options.DataDirectory} first (see docs/benchmarks.md)");
            return 2;
        }
        using var channel = GrpcChannel.ForAddress(options.Grpc, new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 });
        _assessment = new AssessmentService.AssessmentServiceClient(channel);
        _evaluation = new EvaluationService.EvaluationServiceClient(channel);
        _planning = new PlanningService.PlanningServiceClient(channel);
        var province = new SampleProvince(options.Reporters);
        output.WriteLine(Invariant(
            $"Province campaign {_year}: {province.People.Count} reporters in {province.Units.Count} units (14 cities, {province.Counties} counties), {options.Concurrency} concurrent callers"));
        _figures.Value("reporters", province.People.Count, "people");
        _figures.Value("units", province.Units.Count, "units");
        try
        {
            _office = Bearer(await MintAsync(new { userId = "bench-office", name = "基准测试科员", roles = new[] { "office_staff" } }));
            var unitIds = await ImportUnitsAsync(province);
            await ImportPeopleAsync(province);
            var campaignId = await CampaignAndRosterAsync(province);
            var entries = await RosterByUnitAsync(campaignId, unitIds);
            await SubmitAsync(entries);
            var reviewed = await ReviewAsync(entries);
            await DashboardAsync(campaignId, province.People.Count, reviewed);
            await DerivedScoresAsync(databasePath, unitIds.Values.ToList());
        }
        catch (StepFailedException ex)
        {
            output.WriteLine($"STEP FAILED: {ex.Message}");
            _errors.Print(output);
            return 2;
        }
        catch (RpcException ex)
        {
            output.WriteLine($"STEP FAILED: {ex.StatusCode} {ex.Status.Detail}");
            return 2;
        }

        _figures.Value("errors", _errors.Total, "calls");
        _figures.Print(output);
        if (_errors.Total > 0)
        {
            output.WriteLine("RUN HAD ERRORS");
            _errors.Print(output);
        }
        return _errors.Total > 0 ? 1 : 0;
    }

    private async Task<string> MintAsync(object request)
    {
        try
        {
            using var response = await _http.PostAsJsonAsync("/dev/tokens", request);
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<TokenResponse>())?.Token ?? throw new StepFailedException("/dev/tokens answered without a token");
        }
        catch (HttpRequestException ex)
        {
            throw new StepFailedException($"no token from POST {options.Http}dev/tokens ({ex.Message}); is an embedded node running in the Development environment?");
        }
    }

    private static Metadata Bearer(string token) => new() { { "authorization", "Bearer " + token } };

    /// <summary>Planning imports the units; assessment has them once their planning.unit_saved.v1 events are delivered.</summary>
    private async Task<Dictionary<string, string>> ImportUnitsAsync(SampleProvince province)
    {
        var watch = Stopwatch.StartNew();
        var imported = await _planning.ImportUnitsAsync(new ImportUnitsRequest { Content = ByteString.CopyFrom(province.UnitsCsv()) }, _office);
        if (imported.Problems.Count > 0)
        {
            throw new StepFailedException($"ImportUnits: {imported.Problems.Count} problems, first line {imported.Problems[0].Line}: {imported.Problems[0].Problem}");
        }
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var deadline = Stopwatch.StartNew();
        while (ids.Count < province.Units.Count)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(15))
            {
                throw new StepFailedException(Invariant($"assessment knows {ids.Count} of {province.Units.Count} units after 15 minutes"));
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            ids.Clear();
            var token = string.Empty;
            do
            {
                var page = await _assessment.ListAssessmentUnitsAsync(new ListAssessmentUnitsRequest { PageSize = 500, PageToken = token }, _office);
                foreach (var unit in page.Units)
                {
                    ids[unit.Name] = unit.Id;
                }
                token = page.NextPageToken;
            }
            while (token.Length > 0);
        }
        watch.Stop();
        output.WriteLine(Invariant($"[units] {imported.Created} created by planning, all known to assessment after {watch.Elapsed.TotalSeconds:F1} s"));
        _figures.Row(Invariant($"{province.Units.Count} units imported and delivered to assessment"), Invariant($"{watch.Elapsed.TotalSeconds:F1} s"));
        return province.Units.ToDictionary(u => u.Name, u => ids[u.Name], StringComparer.Ordinal);
    }

    private async Task ImportPeopleAsync(SampleProvince province)
    {
        const int chunk = 5_000;
        var watch = Stopwatch.StartNew();
        var created = 0;
        for (var start = 0; start < province.People.Count; start += chunk)
        {
            var csv = SampleProvince.PeopleCsv(province.People.Skip(start).Take(chunk));
            var response = await _assessment.ImportPeopleAsync(new ImportPeopleRequest { Content = ByteString.CopyFrom(csv), FileName = "述法人员.csv" }, _office);
            if (response.Problems.Count > 0)
            {
                throw new StepFailedException($"ImportPeople: {response.Problems.Count} problems, first line {response.Problems[0].Line}: {response.Problems[0].Problem}");
            }
            created += response.Created;
        }
        watch.Stop();
        if (created != province.People.Count)
        {
            throw new StepFailedException(Invariant($"ImportPeople created {created} people of {province.People.Count}: use a fresh data directory"));
        }
        output.WriteLine(Invariant($"[people] {created} people imported in {(province.People.Count + chunk - 1) / chunk} CSV files of at most {chunk} rows in {watch.Elapsed.TotalSeconds:F1} s"));
        _figures.Row(Invariant($"import {created} people (ImportPeople, {chunk} rows a file)"), Invariant($"{watch.Elapsed.TotalSeconds:F1} s"));
        _figures.Value("people_import_seconds", watch.Elapsed.TotalSeconds, "s");
    }

    private async Task<string> CampaignAndRosterAsync(SampleProvince province)
    {
        var request = new CreateCampaignRequest { Title = Invariant($"{_year}年度全省领导干部述法"), Year = _year, Kind = "annual" };
        foreach (var level in new[] { "province", "city", "county" })
        {
            foreach (var postKind in new[] { "party_government_head", "team_member", "department_head", "enforcement_officer", "other" })
            {
                request.Duties.Add(new Duty { Level = level, PostKind = postKind });
            }
        }
        request.Duties.Add(new Duty { Level = "township", PostKind = "township_head" });
        var campaign = await _assessment.CreateCampaignAsync(request, _office);

        var watch = Stopwatch.StartNew();
        var roster = await _assessment.GenerateRosterAsync(new GenerateRosterRequest { CampaignId = campaign.Id }, _office);
        watch.Stop();
        // 应述尽述: every generated reporter holds a post the duty list names, so all must be on the roster.
        if (roster.Total != province.People.Count || roster.Added != province.People.Count)
        {
            throw new StepFailedException(Invariant($"the roster holds {roster.Total} ({roster.Added} added) of {province.People.Count} reporters"));
        }
        output.WriteLine(Invariant($"[roster] {roster.Added} reporters put on the roster in {watch.Elapsed.TotalSeconds:F2} s"));
        _figures.Row(Invariant($"generate the roster of {roster.Total} (GenerateRoster)"), Invariant($"{watch.Elapsed.TotalSeconds:F2} s"));
        _figures.Value("roster_seconds", watch.Elapsed.TotalSeconds, "s");
        return campaign.Id;
    }

    /// <summary>Each unit's liaison gets a token and lists what its people must still report, as a liaison would.</summary>
    private async Task<List<(Entry Entry, Metadata Liaison)>> RosterByUnitAsync(string campaignId, Dictionary<string, string> unitIds)
    {
        var watch = Stopwatch.StartNew();
        var entries = new List<(Entry, Metadata)>();
        var units = unitIds.Values.ToList();
        var lists = new List<(Entry, Metadata)>[units.Count];
        var listing = new Latencies();
        await Callers.RunAsync(units.Count, options.Concurrency, _errors, "ListRoster", async u =>
        {
            var liaison = Bearer(await MintAsync(new { userId = Invariant($"bench-liaison-{u}"), name = "基准测试联络员", unitId = units[u], roles = new[] { "unit_liaison" } }));
            var found = new List<(Entry, Metadata)>();
            var token = string.Empty;
            do
            {
                var page = await listing.TimeAsync(() => _assessment.ListRosterAsync(
                    new ListRosterRequest { CampaignId = campaignId, UnitId = units[u], Status = "missing", PageSize = 500, PageToken = token }, liaison).ResponseAsync);
                found.AddRange(page.Entries.Select(e => (new Entry(e.Id, e.UnitId), liaison)));
                token = page.NextPageToken;
            }
            while (token.Length > 0);
            lists[u] = found;
        });
        foreach (var list in lists.Where(l => l is not null))
        {
            entries.AddRange(list);
        }
        watch.Stop();
        output.WriteLine(Invariant($"[roster] {units.Count} liaisons listed {entries.Count} entries to report in {watch.Elapsed.TotalSeconds:F1} s (ListRoster {listing})"));
        // Interleave the units, as reports arrive from the whole province at once.
        var random = new Random(2023);
        return [.. entries.OrderBy(_ => random.Next())];
    }

    private async Task SubmitAsync(List<(Entry Entry, Metadata Liaison)> entries)
    {
        var latencies = new Latencies();
        var watch = Stopwatch.StartNew();
        await Callers.RunAsync(entries.Count, options.Concurrency, _errors, "SubmitDutyReport", async i =>
        {
            var (entry, liaison) = entries[i];
            var submitted = await latencies.TimeAsync(() => _assessment.SubmitDutyReportAsync(new SubmitDutyReportRequest
            {
                EntryId = entry.Id,
                Form = Forms[i % Forms.Length],
                Text = ReportText(i),
            }, liaison).ResponseAsync);
            if (submitted.Status != "submitted")
            {
                throw new RpcException(new Status(StatusCode.Internal, $"entry {entry.Id} answered status {submitted.Status}"));
            }
        });
        watch.Stop();
        var perSecond = latencies.Count / watch.Elapsed.TotalSeconds;
        output.WriteLine(Invariant($"[submit] {latencies.Count} of {entries.Count} reports submitted in {watch.Elapsed.TotalSeconds:F1} s: {perSecond:F0} per second; {latencies}"));
        _figures.Row(Invariant($"submit {entries.Count} duty reports ({options.Concurrency} callers)"), Invariant($"{perSecond:F0} per second, p99 {latencies.Percentile(99):F1} ms"));
        _figures.Value("submissions_per_second", perSecond, "reports/s");
        _figures.Value("submission_p99_ms", latencies.Percentile(99), "ms");
    }

    private static string ReportText(int i) =>
        Invariant($"本人{2023 + (i % 2)}年度履行推进法治建设第一责任人职责情况：一是带头学法，全年参加集中学法{2 + (i % 5)}次；二是依法决策，重大行政决策均经合法性审核；") +
        Invariant($"三是督促整改，推动解决法治建设突出问题{3 + (i % 7)}个。存在的不足和下一步打算如下。");

    private async Task<int> ReviewAsync(List<(Entry Entry, Metadata Liaison)> entries)
    {
        if (options.ReviewEvery == 0)
        {
            return 0;
        }
        var toReview = entries.Where((_, i) => i % options.ReviewEvery == 0).Select(e => e.Entry).ToList();
        var latencies = new Latencies();
        var watch = Stopwatch.StartNew();
        await Callers.RunAsync(toReview.Count, options.Concurrency, _errors, "ReviewDutyReport", i =>
            latencies.TimeAsync(() => _assessment.ReviewDutyReportAsync(new ReviewDutyReportRequest
            {
                EntryId = toReview[i].Id, Decision = "rate", Rating = Ratings[i % Ratings.Length], Comment = "述职内容完整，履职情况属实。",
            }, _office).ResponseAsync));
        watch.Stop();
        output.WriteLine(Invariant($"[review] {latencies.Count} reports rated in {watch.Elapsed.TotalSeconds:F1} s: {latencies.Count / watch.Elapsed.TotalSeconds:F0} per second; {latencies}"));
        return (int)latencies.Count;
    }

    private async Task DashboardAsync(string campaignId, int reporters, int reviewed)
    {
        foreach (var groupBy in GroupBys)
        {
            var dashboard = await _assessment.GetCampaignDashboardAsync(new GetCampaignDashboardRequest { CampaignId = campaignId, GroupBy = groupBy }, _office);
            var total = dashboard.Total;
            output.WriteLine(Invariant(
                $"[dashboard] by {groupBy}: {dashboard.Rows.Count} rows; due {total.Due}, submitted {total.Submitted}, reviewed {total.Reviewed}, excellent/good/fair/poor {total.Excellent}/{total.Good}/{total.Fair}/{total.Poor}"));
            var expectedSubmitted = reporters - _errors.Total;
            if (total.Due != reporters || total.Submitted != expectedSubmitted || total.Reviewed != reviewed
                || total.Excellent + total.Good + total.Fair + total.Poor != reviewed)
            {
                throw new StepFailedException(Invariant(
                    $"the dashboard by {groupBy} counts due {total.Due}, submitted {total.Submitted}, reviewed {total.Reviewed}; expected {reporters}, {expectedSubmitted}, {reviewed}"));
            }
        }

        var all = new Latencies();
        var byGroup = GroupBys.ToDictionary(g => g, _ => new Latencies());
        var callers = Math.Min(options.Concurrency, 4);
        var watch = Stopwatch.StartNew();
        await Callers.RunAsync(options.DashboardCalls, callers, _errors, "GetCampaignDashboard", async i =>
        {
            var groupBy = GroupBys[i % GroupBys.Length];
            var started = Stopwatch.GetTimestamp();
            await byGroup[groupBy].TimeAsync(() => _assessment.GetCampaignDashboardAsync(
                new GetCampaignDashboardRequest { CampaignId = campaignId, GroupBy = groupBy }, _office).ResponseAsync);
            await all.TimeAsync(() => Task.FromResult(Stopwatch.GetElapsedTime(started)));
        });
        watch.Stop();
        output.WriteLine(Invariant($"[dashboard] {options.DashboardCalls} calls ({callers} callers, level / post_kind / unit in turn): {byGroup["level"].Count} by level: {byGroup["level"]}"));
        output.WriteLine(Invariant($"[dashboard] by post_kind: {byGroup["post_kind"]}; by unit: {byGroup["unit"]}"));
        _figures.Row(Invariant($"campaign dashboard of {reporters} reporters, p50 / p99 (by level, kind of post, unit; {callers} callers)"), Invariant($"{byGroup["level"].Percentile(50):F1} / {byGroup["level"].Percentile(99):F1} ms, {byGroup["post_kind"].Percentile(50):F1} / {byGroup["post_kind"].Percentile(99):F1} ms, {byGroup["unit"].Percentile(50):F1} / {byGroup["unit"].Percentile(99):F1} ms"));
        _figures.Value("dashboard_p99_ms", Math.Max(byGroup["level"].Percentile(99), Math.Max(byGroup["post_kind"].Percentile(99), byGroup["unit"].Percentile(99))), "ms");
        _figures.Value("dashboard_by_unit_p99_ms", byGroup["unit"].Percentile(99), "ms");
    }

    private async Task DerivedScoresAsync(string databasePath, List<string> unitIds)
    {
        var tree = new SetIndicatorSystemRequest { Year = _year, RoutineShare = 30, AnnualShare = 70 };
        tree.Indicators.Add(new Indicator { Code = "1", Name = "依法履职", Weight = 60 });
        decimal[] weights = [12, 12, 11, 11, 11, 11, 11, 11, 10];
        for (var s = 0; s < DerivedSources.All.Count; s++)
        {
            tree.Indicators.Add(new Indicator
            {
                Code = Invariant($"1.{s + 1}"), ParentCode = "1", Name = DerivedSources.All[s], Weight = (double)weights[s],
                Scoring = "derived", Source = DerivedSources.All[s], Points = 0.5,
            });
        }
        tree.Indicators.Add(new Indicator { Code = "2", Name = "述法评议", Weight = 40, Scoring = "manual" });
        await _evaluation.SetIndicatorSystemAsync(tree, _office);

        var facts = await SeedFactsAsync(databasePath, unitIds);

        var watch = Stopwatch.StartNew();
        var all = await _evaluation.RankUnitsAsync(new RankUnitsRequest { Year = _year }, _office);
        watch.Stop();
        var ranked = all.Rankings.Sum(r => r.Units.Count);
        if (ranked != unitIds.Count)
        {
            throw new StepFailedException(Invariant($"RankUnits ranked {ranked} units of {unitIds.Count}"));
        }
        output.WriteLine(Invariant($"[scores] every unit's score for {_year} ({ranked} units, {facts} facts, {all.Rankings.Count} rankings) in {watch.Elapsed.TotalSeconds:F2} s"));
        var ties = all.Rankings.SelectMany(r => r.Ties).Select(t => t.UnitIds.Count).ToList();
        output.WriteLine(Invariant($"[scores] {ties.Count} ties holding {ties.Sum()} units; the largest holds {ties.DefaultIfEmpty(0).Max()}"));
        _figures.Row(Invariant($"compute all derived scores of the year ({ranked} units, {facts} facts; one RankUnits)"), Invariant($"{watch.Elapsed.TotalSeconds:F2} s"));
        _figures.Value("derived_scores_seconds", watch.Elapsed.TotalSeconds, "s");

        var latencies = new Latencies();
        var callers = Math.Min(options.Concurrency, 4);
        await Callers.RunAsync(options.RankingCalls, callers, _errors, "RankUnits", _ =>
            latencies.TimeAsync(() => _evaluation.RankUnitsAsync(new RankUnitsRequest { Year = _year, Level = "county", Kind = "department" }, _office).ResponseAsync));
        output.WriteLine(Invariant($"[ranking] {options.RankingCalls} rankings of the county departments ({callers} callers): {latencies}"));
        _figures.Row(Invariant($"ranking of the county departments, p50 / p99 ({callers} callers)"), Invariant($"{latencies.Percentile(50):F1} / {latencies.Percentile(99):F1} ms"));
        _figures.Value("ranking_p99_ms", latencies.Percentile(99), "ms");
    }

    /// <summary>
    /// Facts as the event consumers record them, written into the node's database: every source in
    /// turn, spread over the year so far. Benchmark-only; a rerun finds them and does not seed again.
    /// </summary>
    private async Task<int> SeedFactsAsync(string databasePath, List<string> unitIds)
    {
        var connection = new SqliteConnectionStringBuilder { DataSource = databasePath, DefaultTimeout = 60 }.ToString();
        var dbOptions = new DbContextOptionsBuilder<SqliteAssessmentDbContext>().UseSqlite(connection).Options;
        await using (var db = new SqliteAssessmentDbContext(dbOptions))
        {
            var existing = await db.UnitFacts.CountAsync(f => f.Year == _year);
            if (existing > 0)
            {
                output.WriteLine(Invariant($"[facts] {existing} facts of {_year} present; not seeding again"));
                return existing;
            }
        }
        var today = TimeProvider.System.TodayInChina();
        var days = today.DayOfYear;
        var watch = Stopwatch.StartNew();
        var count = 0;
        const int batch = 200;
        for (var start = 0; start < unitIds.Count; start += batch)
        {
            await using var db = new SqliteAssessmentDbContext(dbOptions);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var u = start; u < Math.Min(start + batch, unitIds.Count); u++)
            {
                var unitId = Guid.Parse(unitIds[u]);
                // A different number of facts per unit, so the units' results differ (and some tie).
                var perUnit = options.FactsPerUnit == 0 ? 0 : (options.FactsPerUnit / 2) + (u % options.FactsPerUnit);
                for (var f = 0; f < perUnit; f++)
                {
                    var source = DerivedSources.All[(u + f) % DerivedSources.All.Count];
                    var occurred = new DateOnly(_year, 1, 1).AddDays(((u * 7) + (f * 13)) % days);
                    db.UnitFacts.Add(UnitFact.Record(unitId, source, Invariant($"bench:{u}:{f}"), Invariant($"基准测试事项{f}（{source}）"),
                        Guid.CreateVersion7(), "benchmark.seeded.v1", occurred));
                    count++;
                }
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
        }
        watch.Stop();
        output.WriteLine(Invariant($"[facts] {count} facts seeded for {unitIds.Count} units in {watch.Elapsed.TotalSeconds:F1} s"));
        _figures.Value("facts", count, "facts");
        return count;
    }
}
