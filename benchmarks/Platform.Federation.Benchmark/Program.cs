using System.Diagnostics;
using System.Globalization;
using System.Text;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Benchmarks.Kit;
using Platform.BuildingBlocks.Federation;
using Platform.BuildingBlocks.Node;
using Platform.Contracts.Planning.V1;
using Platform.Federation.Benchmark;

// A province, its cities and their counties as nodes in this process (each with the planning module, its own
// stores, keys and listeners), joined over their mutual-TLS listeners on loopback. Everything goes through the
// nodes' real API: the province cascades a plan, each city office accepts every task and cascades it on, each
// county's unit reports, one county files a deadline week of reports while its line is cut. Prints the three
// times issue 12 asks for.
Console.OutputEncoding = Encoding.UTF8;
// --quick: the harness's size (1 city, 2 counties, 5 tasks, a week of one day with one report); any option still wins.
var quick = args.Contains("--quick");
var cities = IntOption("--cities", quick ? 1 : 13);
var counties = IntOption("--counties", quick ? 2 : 95);
var tasks = IntOption("--tasks", quick ? 5 : 40);
// A deadline week: every task's unit reports a few times a day, five working days.
var weekDays = IntOption("--week-days", quick ? 1 : 5);
var changesPerDay = IntOption("--changes-per-day", quick ? 1 : 4);
// API calls in flight at once (offices and units working at the same time).
var callers = IntOption("--callers", 8);
var pollInterval = args.SkipWhile(a => a != "--poll-interval").Skip(1).FirstOrDefault() ?? "00:00:02";
// Links a delivery round serves at once (Federation:DeliveryParallelism); 1 gives the one-after-another rounds of before.
var deliveryParallelism = IntOption("--delivery-parallelism", 8);
// Nodes starting at once, and links being joined at once: on 2 cores, more only makes each start slower.
var startConcurrency = IntOption("--start-concurrency", 4);
// Real GB/T 2260 codes (a parent enrols only a region that exists): Jiangsu's first cities, and their counties taken in
// turn, one of each city before a second of any (13 cities have 95 counties).
var cityRegions = Enumerable.Range(0, Math.Clamp(cities, 1, 13)).Select(c => $"32{c + 1:00}00").ToList();
var countyPlaces = cityRegions
    .SelectMany((city, c) => RegionTable.CountiesOf(city).Select((county, turn) => (Turn: turn, City: c, Region: county)))
    .OrderBy(p => p.Turn).ThenBy(p => p.City)
    .ToList();
if (cities is < 1 or > 13 || counties < cities || counties > countyPlaces.Count || tasks < 1 || weekDays < 1 || changesPerDay < 1 || callers < 1 || deliveryParallelism is < 1 or > 64 || startConcurrency < 1)
{
    Console.Error.WriteLine("usage: [--quick] --cities 1..13 --counties N (cities..the cities' county count, 95 for 13) --tasks N [--week-days N --changes-per-day N --callers N --poll-interval hh:mm:ss --delivery-parallelism 1..64 --start-concurrency N]");
    return 2;
}
// The nodes' data folders hold no configuration files: there is nothing for 109 hosts to watch for changes.
Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
var settings = new Dictionary<string, string?>
{
    ["Federation:PollInterval"] = pollInterval,
    ["Federation:DeliveryParallelism"] = deliveryParallelism.ToString(CultureInfo.InvariantCulture),
};
var folder = Directory.CreateTempSubdirectory("federation-benchmark-").FullName;
var nodes = new List<BenchNode>();
var figures = new Figures();
var total = Stopwatch.StartNew();
try
{
    Console.WriteLine($"federation benchmark: 1 province, {cities} cities, {counties} counties, {tasks} tasks, {callers} API callers, {startConcurrency} nodes starting at once; Federation:PollInterval {pollInterval}, DeliveryParallelism {deliveryParallelism}, other settings default");
    Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; load {LoadAverage()}");
    var rssBefore = ResidentMegabytes();
    var watch = Stopwatch.StartNew();
    var progress = new Progress(watch, 1 + cities + counties, "nodes started");
    // Started a few at a time; each node as soon as it is up goes into `nodes`, so the finally block stops it.
    async Task<BenchNode> Start(string id, NodeLevel level, string region)
    {
        var node = await BenchNode.StartAsync(id, level, region, folder, settings);
        lock (nodes)
        {
            nodes.Add(node);
        }
        progress.Step();
        return node;
    }
    var province = await Start("js-province", NodeLevel.Province, "320000");
    var cityNodes = new BenchNode[cities];
    await ForEachAsync(Enumerable.Range(0, cities).ToList(), startConcurrency, async c =>
        cityNodes[c] = await Start($"city-{c + 1:00}", NodeLevel.City, cityRegions[c]));
    var countyArray = new (BenchNode County, BenchNode City)[counties];
    await ForEachAsync(Enumerable.Range(0, counties).ToList(), startConcurrency, async k =>
    {
        var city = cityNodes[countyPlaces[k].City];
        countyArray[k] = (await Start($"county-{k + 1:000}", NodeLevel.County, countyPlaces[k].Region), city);
    });
    var countyNodes = countyArray.ToList();
    var started = watch.Elapsed;
    var rss = ResidentMegabytes();
    Console.WriteLine($"started {nodes.Count} nodes in {started.TotalSeconds:F1} s; resident {rss:F0} MB ({(rss - rssBefore) / nodes.Count:F1} MB a node); load {LoadAverage()}");
    figures.Row($"start {nodes.Count} nodes (planning, edge, federation each)", $"{started.TotalSeconds:F1} s, {rss:F0} MB resident");
    figures.Value("node_rss_mb", (rss - rssBefore) / nodes.Count, "MB");

    watch.Restart();
    progress = new Progress(watch, nodes.Count - 1, "links enrolled, approved and active");
    await ForEachAsync(cityNodes, startConcurrency, async city =>
    {
        await JoinAsync(province, city);
        progress.Step();
    });
    await ForEachAsync(countyNodes, startConcurrency, async c =>
    {
        await JoinAsync(c.City, c.County);
        progress.Step();
    });
    Console.WriteLine($"enrolled, approved and activated {nodes.Count - 1} links through the operators' API in {watch.Elapsed.TotalSeconds:F1} s");
    // A city office cascades to "every active child" as its planning knows them (the edge announces its links by an
    // event): wait until every city's planning holds all its counties as active, so none is left out of a cascade. Until
    // 2 December two approvals at once could leave a county pending there for good, and the program then stalled below.
    var rosterWatch = Stopwatch.StartNew();
    var countiesPerCity = countyNodes.GroupBy(c => c.City).ToDictionary(g => g.Key, g => g.Count());
    await WaitAsync(async () =>
    {
        foreach (var city in cityNodes)
        {
            if (await city.ChildrenActiveInPlanningAsync() < countiesPerCity.GetValueOrDefault(city))
            {
                return false;
            }
        }
        return await province.ChildrenActiveInPlanningAsync() >= cities;
    }, "every city's planning to hold its counties as active children");
    Console.WriteLine($"every office's planning held its children as active {rosterWatch.Elapsed.TotalSeconds:F1} s later");
    figures.Row($"enrol and approve {nodes.Count - 1} links", $"{watch.Elapsed.TotalSeconds:F1} s");

    // The province's plan, and a unit at each county office to take the task on.
    var plan = await province.Planning.CreatePlanAsync(new CreatePlanRequest
    {
        Title = "2026年全省法治政府建设工作要点",
        Year = 2026,
        Tasks = { Enumerable.Range(1, tasks).Select(t => new NewTask { Title = Traffic.TaskTitle(t), Deadline = "2026-12-31" }) },
    }, province.Office);
    plan = await province.Planning.IssuePlanAsync(new IssuePlanRequest { PlanId = plan.Id }, province.Office);
    var units = new Dictionary<BenchNode, Unit>();
    await ForEachAsync(countyNodes, callers, async c =>
    {
        var unit = await c.County.Planning.CreateUnitAsync(new CreateUnitRequest
        {
            Name = $"{c.County.Id} 司法局", ShortName = $"{c.County.Id} 司法局", Kind = "department", RegionCode = c.County.Region,
        }, c.County.Office);
        lock (units)
        {
            units[c.County] = unit;
        }
    });

    // 1. The plan down: the province cascades it; each city office accepts every task and cascades it to its counties.
    Console.WriteLine($"load {LoadAverage()}: cascading");
    watch.Restart();
    await province.Planning.CascadeTasksAsync(new CascadeTasksRequest { PlanId = plan.Id, ReportsRequested = true }, province.Office);
    // The arrival at the cities is watched on its own: a city office's accepting and cascading (API calls that take
    // seconds each on a starved machine) must not delay the moment it is seen to have all the tasks.
    var citiesReaching = WaitAllAsync(watch, cityNodes, async city =>
        (await city.Planning.ListReceivedTasksAsync(new ListReceivedTasksRequest(), city.Office)).Tasks.Count >= tasks, "the plan at every city");
    var relays = cityNodes.Select(city => Task.Run(() => RelayAsync(city, tasks, watch))).ToList();
    var countiesReached = await WaitAllAsync(watch, countyNodes.Select(c => c.County).ToList(), async county =>
        (await county.Planning.ListReceivedTasksAsync(new ListReceivedTasksRequest(), county.Office)).Tasks.Count >= tasks, "the plan at every county");
    await Task.WhenAll(relays);
    var citiesReached = await citiesReaching;
    Console.WriteLine($"plan of {tasks} tasks: at every city after {citiesReached.TotalSeconds:F1} s, accepted and cascaded on by every city office, at every county after {countiesReached.TotalSeconds:F1} s; load {LoadAverage()}");
    figures.Row($"plan of {tasks} tasks at every one of {cities} cities", $"{citiesReached.TotalSeconds:F1} s");
    figures.Row($"… at every one of {counties} counties (each city office accepting and cascading on through its API)", $"{countiesReached.TotalSeconds:F1} s");
    figures.Value("plan_to_cities_seconds", citiesReached.TotalSeconds, "s");
    figures.Value("plan_to_counties_seconds", countiesReached.TotalSeconds, "s");

    // Each county office takes the first task on and assigns it to its unit; the roll-up learns of the assignments.
    var assignments = new Dictionary<(BenchNode County, int Task), string>();
    await ForEachAsync(countyNodes, callers, async c =>
    {
        var assignment = await AcceptAndAssignAsync(c.County, units[c.County], 1);
        lock (assignments)
        {
            assignments[(c.County, 1)] = assignment;
        }
    });
    watch.Restart();
    var firstTask = plan.Tasks.Single(t => t.Number == 1).Id;
    await WaitAsync(async () => await CountiesAsync(province, plan.Id, firstTask, n => n.UnitsAssigned >= 1) >= counties, "every county's assignment in the roll-up");
    Console.WriteLine($"every county's assignment of task 1 in the province's roll-up {watch.Elapsed.TotalSeconds:F1} s after the last was made");

    // 2. Every county's unit files its first report; the province's roll-up shows all of them.
    watch.Restart();
    await ForEachAsync(countyNodes, callers, c => c.County.Planning.ReportProgressAsync(new ReportProgressRequest
    {
        AssignmentId = assignments[(c.County, 1)], Text = "已制定工作方案，明确责任分工", Percent = 10,
    }, c.County.Liaison(units[c.County].Id)).ResponseAsync);
    var filed = watch.Elapsed;
    await WaitAsync(async () => await CountiesAsync(province, plan.Id, firstTask, n => n.UnitsReported >= 1) >= counties, "every county's first report at the province");
    var rolledUp = watch.Elapsed;
    Console.WriteLine($"first report of each of {counties} counties' units (all filed within {filed.TotalSeconds:F1} s): all in the province's roll-up {rolledUp.TotalSeconds:F1} s after the first was filed; load {LoadAverage()}");
    figures.Row($"every county's first report in the province's roll-up (through the cities), from the first filed", $"{rolledUp.TotalSeconds:F1} s");
    figures.Value("rollup_seconds", rolledUp.TotalSeconds, "s");

    // 3. One county's line is cut for a deadline week: its unit reports on every task several times a day.
    var (offline, itsCity) = countyNodes[0];
    var liaison = offline.Liaison(units[offline].Id);
    for (var t = 2; t <= tasks; t++)
    {
        assignments[(offline, t)] = await AcceptAndAssignAsync(offline, units[offline], t);
    }
    await WaitAsync(async () => await offline.BacklogAsync() == 0 && await itsCity.BacklogAsync() == 0, "the county's and its city's backlog before the week");
    offline.Offline.On = true;
    var reports = weekDays * changesPerDay * tasks;
    // One liaison files the whole week in a burst: the node's per-caller limit (Edge:RateLimit, 1,200 a minute by
    // default) holds it back, and the liaison waits as long as the node says, as a client should.
    var pacing = new RateLimitPacing();
    watch.Restart();
    await ForEachAsync(Enumerable.Range(1, tasks).ToList(), callers, async t =>
    {
        var step = 0;
        for (var day = 1; day <= weekDays; day++)
        {
            for (var change = 1; change <= changesPerDay; change++)
            {
                step++;
                var last = step == weekDays * changesPerDay;
                var request = new ReportProgressRequest
                {
                    AssignmentId = assignments[(offline, t)],
                    Text = $"第{day}天第{change}次报送：{Traffic.ReportText}",
                    Percent = last ? 100 : Math.Min(99, 10 + 90 * step / (weekDays * changesPerDay)),
                    Final = last,
                };
                await pacing.CallAsync(() => offline.Planning.ReportProgressAsync(request, liaison).ResponseAsync);
            }
        }
    });
    Console.WriteLine($"a week offline: {reports} reports filed at the county in {watch.Elapsed.TotalSeconds:F1} s ({pacing.Waits} calls held back by the node's rate limit, {pacing.WaitedSeconds:F0} s of waiting over all callers)");
    // Let the delivery worker fail a few rounds, as it would over the week.
    await Task.Delay(TimeSpan.FromSeconds(10));
    var backlog = await offline.BacklogAsync();
    offline.Offline.On = false;
    watch.Restart();
    await WaitAsync(async () => await offline.BacklogAsync() == 0, "the county's backlog to drain");
    var drained = watch.Elapsed;
    var planTasks = plan.Tasks.Select(t => t.Id).ToHashSet();
    await WaitAsync(async () =>
    {
        var rollUp = await province.Planning.GetPlanRollUpAsync(new GetPlanRollUpRequest { PlanId = plan.Id }, province.Office);
        return rollUp.Tasks.Where(t => planTasks.Contains(t.TaskId)).Count(t => t.Nodes.Any(n => n.NodeId == offline.Id && n.UnitsCompleted >= 1)) == tasks;
    }, "the week's final figures at the province");
    var atProvince = watch.Elapsed;
    Console.WriteLine($"a week offline ({weekDays} days x {changesPerDay} reports x {tasks} tasks = {reports} reports; backlog when the line returned: {backlog} messages): drained {drained.TotalSeconds:F1} s after the line returned, final figures in the province's roll-up after {atProvince.TotalSeconds:F1} s; load {LoadAverage()}");
    figures.Row($"a week offline ({reports} reports, backlog {backlog} coalesced summaries): the county's backlog empty after the line returns", $"{drained.TotalSeconds:F1} s");
    figures.Row("… its final figures (every task completed) in the province's roll-up", $"{atProvince.TotalSeconds:F1} s");
    figures.Value("week_backlog_drain_seconds", drained.TotalSeconds, "s");
    figures.Value("week_at_province_seconds", atProvince.TotalSeconds, "s");

    // Nothing doubled: no node holds a message twice on a link.
    var duplicates = 0;
    foreach (var node in nodes)
    {
        duplicates += await node.InStoreAsync(async db =>
            await db.LinkInbox.GroupBy(m => new { m.LinkId, m.MessageId }).CountAsync(g => g.Count() > 1));
    }
    figures.Row("duplicate inbox rows over all nodes", duplicates.ToString(CultureInfo.InvariantCulture));
    figures.Value("duplicate_inbox_rows", duplicates, "rows");
    Console.WriteLine($"duplicate inbox rows: {duplicates}; total {total.Elapsed.TotalSeconds:F0} s; resident {ResidentMegabytes():F0} MB; load {LoadAverage()}");
    figures.Print(Console.Out);
    return duplicates == 0 ? 0 : 1;
}
finally
{
    await Task.WhenAll(nodes.Select(n => n.DisposeAsync().AsTask()));
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}

int IntOption(string name, int fallback)
{
    var value = args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    return value is null ? fallback : int.Parse(value, CultureInfo.InvariantCulture);
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static double ResidentMegabytes()
{
    using var process = Process.GetCurrentProcess();
    return process.WorkingSet64 / 1024.0 / 1024.0;
}

static Task ForEachAsync<T>(IReadOnlyList<T> items, int parallel, Func<T, Task> work) =>
    Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (item, _) => await work(item));

// Enrolment code, registration, approval through the operators' API; then the child collects its certificate. Each
// step is done as an operator would on a loaded machine: a call that did not get through (Unavailable, or the child's
// node reporting that it could not reach its parent) is made again after a pause that grows, with the same code; a
// step already done is not done again.
static async Task JoinAsync(BenchNode parent, BenchNode child)
{
    var code = await Reconnecting(() => parent.Links.CreateEnrolmentCodeAsync(new() { ChildRegionCode = child.Region }, parent.Operator).ResponseAsync);
    await Reconnecting(async () =>
    {
        if (!(await child.Links.ListLinksAsync(new(), child.Operator)).Links.Any(l => l.Role == "parent"))
        {
            await child.Links.RegisterAsync(new()
            {
                ParentAddress = parent.FederationAddress, EnrolmentCode = code.Code, ParentCertificateThumbprint = code.ParentCertificateThumbprint,
            }, child.Operator);
        }
        return true;
    }, unreachableParent: true);
    await Reconnecting(async () =>
    {
        var link = (await parent.Links.ListLinksAsync(new(), parent.Operator)).Links.Single(l => l.PeerNodeId == child.Id);
        if (link.State == "pending")
        {
            await parent.Links.ApproveLinkAsync(new() { LinkId = link.LinkId }, parent.Operator);
        }
        return true;
    });
    await WaitAsync(async () => (await child.Links.ListLinksAsync(new(), child.Operator)).Links.Single(l => l.Role == "parent").State == "active",
        $"{child.Id}'s parent link to become active");
}

// A call the loaded node did not take (Unavailable: connection refused or reset) is made again after 1, 2, 4 … 30 s,
// up to ten times; with unreachableParent, also a registration the child's node refused because, after its own
// retries, it could not reach its parent.
static async Task<T> Reconnecting<T>(Func<Task<T>> call, bool unreachableParent = false)
{
    for (var attempt = 1; ; attempt++)
    {
        try
        {
            return await call();
        }
        catch (RpcException e) when (attempt < 10 && (e.StatusCode == StatusCode.Unavailable || unreachableParent && e.StatusCode == StatusCode.FailedPrecondition))
        {
            var pause = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, attempt - 1)));
            Console.WriteLine($"  {e.StatusCode} ({e.Status.Detail}); trying again in {pause.TotalSeconds:F0} s (attempt {attempt + 1})");
            await Task.Delay(pause);
        }
    }
}

// A city office at work: accepts each task as it arrives and cascades it on to every county; returns when every task is relayed.
static async Task RelayAsync(BenchNode city, int tasks, Stopwatch watch)
{
    var relayed = new HashSet<string>();
    while (relayed.Count < tasks)
    {
        var received = await Reconnecting(async () => (await city.Planning.ListReceivedTasksAsync(new ListReceivedTasksRequest(), city.Office)).Tasks);
        foreach (var task in received.Where(t => !relayed.Contains(t.Id)))
        {
            var accepted = task.Status == "received"
                ? await Reconnecting(() => city.Planning.AcceptReceivedTaskAsync(new AcceptReceivedTaskRequest { ReceivedTaskId = task.Id }, city.Office).ResponseAsync)
                : task;
            await Retry(() => city.Planning.CascadeTasksAsync(new CascadeTasksRequest
            {
                PlanId = accepted.LocalPlanId, TaskIds = { accepted.LocalTaskId }, ReportsRequested = true,
            }, city.Office).ResponseAsync);
            relayed.Add(task.Id);
        }
        if (relayed.Count < tasks)
        {
            await Task.Delay(200);
        }
        if (watch.Elapsed > TimeSpan.FromMinutes(30))
        {
            throw new TimeoutException($"gave up waiting for the plan at {city.Id}");
        }
    }
}

// Planning hears of the city's approved child links by an event: until then a cascade is refused as having no active child.
static async Task Retry(Func<Task> call)
{
    for (var attempt = 1; ; attempt++)
    {
        try
        {
            await call();
            return;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition && attempt < 100)
        {
            await Task.Delay(200);
        }
    }
}

// A county office takes a received task on (by its number in the province's plan) and assigns it to its unit.
static async Task<string> AcceptAndAssignAsync(BenchNode county, Unit unit, int taskNumber)
{
    var received = (await county.Planning.ListReceivedTasksAsync(new ListReceivedTasksRequest(), county.Office)).Tasks.Single(t => t.TaskNumber == taskNumber);
    var accepted = await county.Planning.AcceptReceivedTaskAsync(new AcceptReceivedTaskRequest { ReceivedTaskId = received.Id }, county.Office);
    var assigned = await county.Planning.AssignTaskAsync(new AssignTaskRequest { TaskId = accepted.LocalTaskId, UnitId = unit.Id }, county.Office);
    return assigned.Assignments.Single().Id;
}

// How many county rows of a task in the province's roll-up meet the condition (the rows came up through the cities).
static async Task<int> CountiesAsync(BenchNode province, string planId, string taskId, Func<NodeProgress, bool> condition)
{
    var rollUp = await province.Planning.GetPlanRollUpAsync(new GetPlanRollUpRequest { PlanId = planId }, province.Office);
    return rollUp.Tasks.Single(t => t.TaskId == taskId).Nodes.Count(n => n.NodeId.StartsWith("county-", StringComparison.Ordinal) && condition(n));
}

static async Task WaitAsync(Func<Task<bool>> condition, string what)
{
    var deadline = Stopwatch.StartNew();
    var said = TimeSpan.Zero;
    while (!await Reconnecting(condition))
    {
        if (deadline.Elapsed > TimeSpan.FromMinutes(30))
        {
            throw new TimeoutException($"gave up waiting for {what}");
        }
        if (deadline.Elapsed - said > TimeSpan.FromSeconds(30))
        {
            said = deadline.Elapsed;
            Console.WriteLine($"  still waiting for {what} after {said.TotalSeconds:F0} s; load {LoadAverage()}");
        }
        await Task.Delay(200);
    }
}

// Time on `watch` when every node in the list meets the condition (each checked until it does).
static async Task<TimeSpan> WaitAllAsync(Stopwatch watch, IReadOnlyList<BenchNode> list, Func<BenchNode, Task<bool>> done, string what)
{
    var pending = list.ToList();
    while (pending.Count > 0)
    {
        var still = new List<BenchNode>();
        foreach (var node in pending)
        {
            if (!await Reconnecting(() => done(node)))
            {
                still.Add(node);
            }
        }
        if (still.Count != pending.Count)
        {
            Console.WriteLine($"  {what}: {list.Count - still.Count} of {list.Count} after {watch.Elapsed.TotalSeconds:F1} s");
        }
        pending = still;
        if (pending.Count > 0)
        {
            if (watch.Elapsed > TimeSpan.FromMinutes(30))
            {
                throw new TimeoutException($"gave up waiting for {what}");
            }
            await Task.Delay(200);
        }
    }
    return watch.Elapsed;
}

/// <summary>
/// Makes a call again after the node's rate limit refused it (ResourceExhausted), once the time the node named in its
/// Retry-After has passed; counts the waits so the output says how much of a step's time they were.
/// </summary>
internal sealed class RateLimitPacing
{
    private int _waits;
    private long _waitedMilliseconds;

    public int Waits => _waits;

    public double WaitedSeconds => Interlocked.Read(ref _waitedMilliseconds) / 1000.0;

    public async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted && attempt < 100)
            {
                var retryAfter = int.TryParse(e.Trailers.GetValue("retry-after"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
                    ? TimeSpan.FromSeconds(seconds)
                    : TimeSpan.FromSeconds(5);
                Interlocked.Increment(ref _waits);
                Interlocked.Add(ref _waitedMilliseconds, (long)retryAfter.TotalMilliseconds);
                await Task.Delay(retryAfter);
            }
        }
    }
}

/// <summary>Prints how far a long step has got: every tenth of the way, and the last.</summary>
internal sealed class Progress(Stopwatch watch, int total, string what)
{
    private readonly int _every = Math.Max(1, total / 10);
    private int _done;

    public void Step()
    {
        var done = Interlocked.Increment(ref _done);
        if (done % _every == 0 || done == total)
        {
            Console.WriteLine($"  {done} of {total} {what} after {watch.Elapsed.TotalSeconds:F1} s; resident {Process.GetCurrentProcess().WorkingSet64 / 1024 / 1024} MB; load {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a")}");
        }
    }
}
