using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Platform.Benchmarks.Kit;
using Platform.BuildingBlocks.Federation;
using Platform.BuildingBlocks.Node;
using Platform.Federation.Benchmark;

// A province, its cities and their counties as federation nodes in this process, joined over their
// mutual-TLS listeners on loopback; prints how long a plan's tasks take to reach every node, the
// province's first report from every county, and one county's backlog after a week offline to drain.
Console.OutputEncoding = Encoding.UTF8;
var cities = IntOption("--cities", 13);
var counties = IntOption("--counties", 95);
var tasks = IntOption("--tasks", 40);
// A deadline week: every task's summary changes a few times a day, five working days.
var weekDays = IntOption("--week-days", 5);
var changesPerDay = IntOption("--changes-per-day", 4);
var pollInterval = args.SkipWhile(a => a != "--poll-interval").Skip(1).FirstOrDefault() ?? "00:00:02";
if (cities is < 1 or > 13 || counties < cities || counties > cities * 9 || tasks < 1)
{
    Console.Error.WriteLine("usage: --cities 1..13 --counties N (cities..cities*9) --tasks N [--week-days N --changes-per-day N --poll-interval hh:mm:ss]");
    return 2;
}
var federation = new Dictionary<string, string?> { ["Federation:PollInterval"] = pollInterval };
var folder = Directory.CreateTempSubdirectory("federation-benchmark-").FullName;
var nodes = new List<BenchNode>();
var total = Stopwatch.StartNew();
var figures = new Figures();
try
{
    Console.WriteLine($"federation benchmark: 1 province, {cities} cities, {counties} counties, {tasks} tasks; Federation:PollInterval {pollInterval}, other settings default");
    Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; load {LoadAverage()}");
    var watch = Stopwatch.StartNew();
    var province = await BenchNode.StartAsync("js-province", NodeLevel.Province, "320000", folder, federation);
    nodes.Add(province);
    var cityNodes = new List<BenchNode>();
    var countyNodes = new List<(BenchNode County, BenchNode City)>();
    for (var c = 0; c < cities; c++)
    {
        var city = await BenchNode.StartAsync($"city-{c + 1:00}", NodeLevel.City, $"32{c + 1:00}00", folder, federation);
        cityNodes.Add(city);
        nodes.Add(city);
    }
    for (var k = 0; k < counties; k++)
    {
        var city = cityNodes[k % cities];
        var county = await BenchNode.StartAsync($"county-{k + 1:000}", NodeLevel.County, city.Region[..4] + $"{k / cities + 2:00}", folder, federation);
        countyNodes.Add((county, city));
        nodes.Add(county);
    }
    Console.WriteLine($"started {nodes.Count} nodes in {watch.Elapsed.TotalSeconds:F1} s");

    watch.Restart();
    foreach (var city in cityNodes)
    {
        await JoinAsync(province, city);
    }
    foreach (var (county, city) in countyNodes)
    {
        await JoinAsync(city, county);
    }
    await WaitAsync(async () =>
    {
        foreach (var node in nodes.Skip(1))
        {
            if (!await node.InStoreAsync(db => db.Links.AnyAsync(l => l.Role == LinkRole.Parent && l.State == LinkState.Active)))
            {
                return false;
            }
        }
        return true;
    }, "every child's parent link to become active");
    Console.WriteLine($"enrolled and approved {nodes.Count - 1} links in {watch.Elapsed.TotalSeconds:F1} s");

    // 1. A plan of `tasks` tasks, written by the province on every city link in one transaction.
    var sent = DateTimeOffset.UtcNow;
    await province.InStoreAsync(async db =>
    {
        var links = await db.Links.Where(l => l.Role == LinkRole.Child).Select(l => l.Id).ToListAsync();
        for (var t = 1; t <= tasks; t++)
        {
            var id = Guid.CreateVersion7();
            foreach (var link in links)
            {
                await LinkOutbox.EnqueueAsync(db, link, id, Traffic.TaskWireName, Traffic.Task(t), sent, CancellationToken.None);
            }
        }
        return await db.SaveChangesAsync();
    });
    watch.Restart();
    var citiesDone = await WaitAllAsync(watch, cityNodes, n => Received(n, Traffic.TaskWireName), tasks, "the plan at every city");
    var countiesDone = await WaitAllAsync(watch, countyNodes.Select(c => c.County).ToList(), n => Received(n, Traffic.TaskWireName), tasks, "the plan at every county");
    Console.WriteLine($"plan of {tasks} tasks: every city has it after {citiesDone.TotalSeconds:F1} s, every county after {countiesDone.TotalSeconds:F1} s");
    figures.Row($"plan of {tasks} tasks at every city / every county", FormattableString.Invariant($"{citiesDone.TotalSeconds:F1} s / {countiesDone.TotalSeconds:F1} s"));
    figures.Value("plan_at_every_county_seconds", countiesDone.TotalSeconds, "s");

    // 2. Every county's first report, each written in its own transaction; the province's roll-up has them all.
    watch.Restart();
    foreach (var (county, _) in countyNodes)
    {
        await EnqueueUpAsync(county, [Traffic.Report(county.Id, 1, 1, 1)]);
    }
    var written = watch.Elapsed;
    var rolledUp = await WaitAllAsync(watch, [province], n => Received(n, Traffic.ReportWireName), counties, "every county's first report at the province");
    Console.WriteLine($"first report from each of {counties} counties (all written within {written.TotalSeconds:F1} s): all at the province {rolledUp.TotalSeconds:F1} s after the first was written");
    figures.Row($"first report of {counties} counties all at the province", FormattableString.Invariant($"{rolledUp.TotalSeconds:F1} s"));
    figures.Value("reports_at_province_seconds", rolledUp.TotalSeconds, "s");

    // 3. One county offline for a deadline week: its traffic piles up, then the line comes back.
    var (offlineCounty, itsCity) = countyNodes[0];
    offlineCounty.Offline.On = true;
    var week = new List<string>();
    for (var day = 1; day <= weekDays; day++)
    {
        for (var change = 1; change <= changesPerDay; change++)
        {
            for (var t = 1; t <= tasks; t++)
            {
                week.Add(Traffic.Report(offlineCounty.Id, t, day, change));
            }
        }
    }
    // One transaction per task change, as the progress flow writes them.
    foreach (var payload in week)
    {
        await EnqueueUpAsync(offlineCounty, [payload]);
    }
    // Let the worker fail a few rounds, as it would over the week.
    await Task.Delay(TimeSpan.FromSeconds(10));
    var backlog = await offlineCounty.InStoreAsync(db => db.LinkOutbox.CountAsync(m => m.DeliveredAt == null));
    var cityBefore = await Received(itsCity, Traffic.ReportWireName);
    var provinceBefore = await Received(province, Traffic.ReportWireName);
    offlineCounty.Offline.On = false;
    watch.Restart();
    await WaitAsync(async () => await offlineCounty.InStoreAsync(db => db.LinkOutbox.CountAsync(m => m.DeliveredAt == null)) == 0, "the county's backlog to drain");
    var drained = watch.Elapsed;
    await WaitAsync(async () => await Received(itsCity, Traffic.ReportWireName) == cityBefore + week.Count, "the week at the city");
    var atCity = watch.Elapsed;
    await WaitAsync(async () => await Received(province, Traffic.ReportWireName) == provinceBefore + week.Count, "the week at the province");
    var atProvince = watch.Elapsed;
    Console.WriteLine($"a week offline ({weekDays} days x {changesPerDay} changes x {tasks} tasks = {week.Count} messages, backlog {backlog}): drained after {drained.TotalSeconds:F1} s, all at the city after {atCity.TotalSeconds:F1} s, passed on to the province after {atProvince.TotalSeconds:F1} s");

    // Nothing lost, nothing doubled: each node holds exactly what was meant for it.
    var duplicates = 0;
    foreach (var node in nodes)
    {
        duplicates += await node.InStoreAsync(async db =>
            await db.LinkInbox.GroupBy(m => new { m.LinkId, m.MessageId }).CountAsync(g => g.Count() > 1));
    }
    Console.WriteLine($"duplicate inbox rows: {duplicates}; total {total.Elapsed.TotalSeconds:F0} s; load {LoadAverage()}");
    figures.Row($"a week offline ({week.Count} messages): drained / at the city / at the province", FormattableString.Invariant($"{drained.TotalSeconds:F1} / {atCity.TotalSeconds:F1} / {atProvince.TotalSeconds:F1} s"));
    figures.Value("offline_week_at_province_seconds", atProvince.TotalSeconds, "s");
    figures.Value("duplicate_inbox_rows", duplicates, "rows");
    figures.Print(Console.Out);
    return duplicates == 0 ? 0 : 1;
}
finally
{
    foreach (var node in nodes)
    {
        await node.DisposeAsync();
    }
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}

int IntOption(string name, int fallback)
{
    var value = args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    return value is null ? fallback : int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static Task<int> Received(BenchNode node, string wireName) =>
    node.InStoreAsync(db => db.LinkInbox.CountAsync(m => m.WireName == wireName));

static Task EnqueueUpAsync(BenchNode county, IEnumerable<string> payloads) => county.InStoreAsync(async db =>
{
    var link = await db.Links.SingleAsync(l => l.Role == LinkRole.Parent);
    foreach (var payload in payloads)
    {
        await LinkOutbox.EnqueueAsync(db, link.Id, Guid.CreateVersion7(), Traffic.ReportWireName, payload, DateTimeOffset.UtcNow, CancellationToken.None);
    }
    return await db.SaveChangesAsync();
});

static async Task JoinAsync(BenchNode parent, BenchNode child)
{
    var code = await parent.InScopeAsync(sp => sp.GetRequiredService<Enrolment>().CreateCodeAsync(child.Region, CancellationToken.None));
    await child.InScopeAsync(sp => sp.GetRequiredService<ParentRegistration>().RegisterAsync(parent.Address, code.Code, parent.Thumbprint, CancellationToken.None));
    var linkId = await parent.InStoreAsync(db => db.Links.Where(l => l.PeerNodeId == child.Id).Select(l => l.Id).SingleAsync());
    await parent.InScopeAsync(sp => sp.GetRequiredService<Enrolment>().ApproveAsync(linkId, parent.Authority, CancellationToken.None));
}

static async Task WaitAsync(Func<Task<bool>> condition, string what)
{
    var deadline = Stopwatch.StartNew();
    while (!await condition())
    {
        if (deadline.Elapsed > TimeSpan.FromMinutes(30))
        {
            throw new TimeoutException($"gave up waiting for {what}");
        }
        await Task.Delay(100);
    }
}

// Time on `watch` when every node in the list has received `expected` messages (checked every 100 ms).
static async Task<TimeSpan> WaitAllAsync(Stopwatch watch, IReadOnlyList<BenchNode> list, Func<BenchNode, Task<int>> count, int expected, string what)
{
    var pending = list.ToList();
    while (pending.Count > 0)
    {
        var still = new List<BenchNode>();
        foreach (var node in pending)
        {
            if (await count(node) < expected)
            {
                still.Add(node);
            }
        }
        pending = still;
        if (pending.Count > 0)
        {
            if (watch.Elapsed > TimeSpan.FromMinutes(30))
            {
                throw new TimeoutException($"gave up waiting for {what}");
            }
            await Task.Delay(100);
        }
    }
    return watch.Elapsed;
}
