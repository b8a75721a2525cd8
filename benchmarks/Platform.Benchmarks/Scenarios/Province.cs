using System.Diagnostics;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Platform.Benchmarks.Load;
using Platform.Contracts.Assessment.V1;
using Platform.Contracts.Common.V1;
using Platform.Contracts.Planning.V1;
using Platform.Planning.Benchmark;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// Seeds a node through its public API as an office would: units from a CSV (the planning
/// program's sample province), their liaisons' tokens, the year's key-points notice imported and
/// issued, its tasks assigned to every unit. Everything the scenarios later read or count.
/// </summary>
public sealed class Province(EmbeddedNode node, TextWriter log)
{
    private readonly PlanningService.PlanningServiceClient _planning = new(node.Channel);

    public Metadata Office { get; private set; } = new();
    public string GroupId { get; private set; } = string.Empty;
    public IReadOnlyList<SampleUnit> Units { get; private set; } = [];
    public Dictionary<string, string> UnitIds { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Metadata> Liaisons { get; } = new(StringComparer.Ordinal);
    public Plan Plan { get; private set; } = null!;
    public List<Assignment> Assignments { get; } = [];

    public PlanningService.PlanningServiceClient Planning => _planning;

    public async Task SeedUnitsAsync(int count)
    {
        Office = await node.BearerAsync("bench-office", "office_staff");
        Units = SampleData.Units(count);
        var watch = Stopwatch.StartNew();
        var imported = await _planning.ImportUnitsAsync(new ImportUnitsRequest { Content = ByteString.CopyFrom(SampleData.UnitsCsv(Units)) }, Office);
        if (imported.Problems.Count > 0)
        {
            throw new InvalidOperationException($"ImportUnits reported {imported.Problems.Count} problems, the first: line {imported.Problems[0].Line} {imported.Problems[0].Problem}");
        }
        var groups = await _planning.ListUnitGroupsAsync(new ListUnitGroupsRequest { PageSize = 500 }, Office);
        GroupId = groups.Groups.Single(g => g.Name == SampleData.GroupName).Id;
        var token = string.Empty;
        do
        {
            var page = await _planning.ListUnitsAsync(new ListUnitsRequest { GroupId = GroupId, PageSize = 500, PageToken = token }, Office);
            foreach (var unit in page.Units)
            {
                UnitIds[unit.Name] = unit.Id;
            }
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        log.WriteLine(FormattableString.Invariant($"  seeded {UnitIds.Count} units in {watch.Elapsed.TotalSeconds:F1} s"));
    }

    /// <summary>Liaison tokens for the first <paramref name="count"/> units (all when null).</summary>
    public async Task MintLiaisonsAsync(int? count = null)
    {
        var ids = UnitIds.Values.Take(count ?? UnitIds.Count).Where(id => !Liaisons.ContainsKey(id)).ToList();
        var minted = new Metadata[ids.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            minted[i] = await node.BearerAsync("liaison-" + ids[i], "unit_liaison", ids[i]));
        for (var i = 0; i < ids.Count; i++)
        {
            Liaisons[ids[i]] = minted[i];
        }
    }

    public async Task ImportPlanAsync(int tasks, int year)
    {
        var imported = await _planning.ImportPlanDocumentAsync(
            new ImportPlanDocumentRequest { Year = year, Text = SampleData.PlanDocument(year, tasks, Units) }, Office);
        if (imported.Plan.Tasks.Count != tasks)
        {
            throw new InvalidOperationException($"the notice has {tasks} tasks but the node read {imported.Plan.Tasks.Count}");
        }
        Plan = await _planning.IssuePlanAsync(new IssuePlanRequest { PlanId = imported.Plan.Id }, Office);
    }

    /// <summary>Assigns the given tasks (by position) to every unit, <paramref name="concurrency"/> calls at a time.</summary>
    public async Task<TimeSpan> AssignAsync(IEnumerable<int> taskIndexes, int concurrency)
    {
        var tasks = Plan.Tasks.OrderBy(t => t.Number).ToList();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(taskIndexes, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            var response = await _planning.AssignTaskAsync(new AssignTaskRequest { TaskId = tasks[i].Id, UnitGroupId = GroupId }, Office);
            lock (Assignments)
            {
                Assignments.AddRange(response.Assignments);
            }
        });
        return watch.Elapsed;
    }

    /// <summary>The planning service's outbox: events written and not yet published, and those failing.</summary>
    public async Task<(long Pending, long Failing)> PlanningOutboxAsync()
    {
        var description = await _planning.DescribeServiceAsync(new DescribeServiceRequest(), Office);
        return (description.OutboxPending, description.OutboxFailing);
    }

    /// <summary>Waits until the planning outbox is empty; answers what is still pending when time is up.</summary>
    public async Task<(long Pending, long Failing, TimeSpan Waited)> DrainAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var (pending, failing) = await PlanningOutboxAsync();
            if ((pending == 0 && failing == 0) || watch.Elapsed > timeout)
            {
                return (pending, failing, watch.Elapsed);
            }
            await Task.Delay(250);
        }
    }

    /// <summary>Every progress report the node stores for the plan, counted page by page.</summary>
    public async Task<int> CountStoredReportsAsync()
    {
        var count = 0;
        var token = string.Empty;
        do
        {
            var page = await _planning.ListProgressReportsAsync(new ListProgressReportsRequest { PlanId = Plan.Id, PageSize = 100, PageToken = token }, Office);
            count += page.Reports.Count;
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return count;
    }

    /// <summary>
    /// People for the units, <paramref name="perUnit"/> each, through assessment's ImportPeople once
    /// assessment has received the units (they reach it as events from planning).
    /// </summary>
    public async Task<int> ImportPeopleAsync(int people, TimeSpan timeout)
    {
        var assessment = new AssessmentService.AssessmentServiceClient(node.Channel);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var known = 0;
            var token = string.Empty;
            do
            {
                var page = await assessment.ListAssessmentUnitsAsync(new ListAssessmentUnitsRequest { PageSize = 500, PageToken = token }, Office);
                known += page.Units.Count;
                token = page.NextPageToken;
            }
            while (token.Length > 0);
            if (known >= UnitIds.Count)
            {
                break;
            }
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"assessment knew {known} of {UnitIds.Count} units after {timeout}");
            }
            await Task.Delay(500);
        }
        var created = 0;
        // Files of up to 5,000 rows, as an office would upload its lists a batch at a time.
        foreach (var chunk in Enumerable.Range(0, people).Chunk(5000))
        {
            var csv = new StringBuilder("单位,姓名,职务,岗位类别\n");
            foreach (var n in chunk)
            {
                var unit = Units[n % Units.Count];
                csv.Append(unit.Name).Append(",测试人员").Append(n.ToString("00000", System.Globalization.CultureInfo.InvariantCulture))
                    .Append(",执法人员,执法人员\n");
            }
            var answer = await assessment.ImportPeopleAsync(new ImportPeopleRequest { Content = ByteString.CopyFromUtf8(csv.ToString()), FileName = "people.csv" }, Office);
            created += answer.Created;
        }
        return created;
    }
}
