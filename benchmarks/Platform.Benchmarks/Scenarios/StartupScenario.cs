using System.Diagnostics;
using Platform.Benchmarks.Kit;
using Platform.Benchmarks.Load;
using Platform.Benchmarks.Reporting;
using Platform.Contracts.Planning.V1;
using Platform.Planning.Benchmark;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// Start and size: seconds from starting the built node to its first healthy GET /health (a fresh
/// data folder, so migrations included, and again on the same folder once loaded), and its
/// resident memory (VmRSS) idle and after loading the data set through the API.
/// </summary>
public static class StartupScenario
{
    public static async Task RunAsync(ScenarioContext context)
    {
        var o = context.Options;
        var folder = context.NewFolder("startup");
        context.Log.WriteLine("[startup] starting the embedded node on an empty data folder");
        double idleRss, loadedRss, peakRss;
        TimeSpan firstStart, loadTime;
        await using (var node = await EmbeddedNode.StartAsync(o.NodeDll, folder))
        {
            firstStart = node.Startup;
            await Task.Delay(TimeSpan.FromSeconds(2));
            idleRss = node.Process!.ResidentMegabytes() ?? double.NaN;
            var watch = Stopwatch.StartNew();
            await LoadAsync(context, node);
            loadTime = watch.Elapsed;
            peakRss = PeakMegabytes(node.Process!.Id) ?? double.NaN;
            // What a node holds once the load is over, not the transient peak of the last request.
            await Task.Delay(TimeSpan.FromSeconds(5));
            loadedRss = node.Process!.ResidentMegabytes() ?? double.NaN;
        }
        context.Log.WriteLine("[startup] restarting the node on the loaded data folder");
        TimeSpan loadedStart;
        double restartRss;
        await using (var node = await EmbeddedNode.StartAsync(o.NodeDll, folder))
        {
            loadedStart = node.Startup;
            await Task.Delay(TimeSpan.FromSeconds(2));
            restartRss = node.Process!.ResidentMegabytes() ?? double.NaN;
        }

        // The target is for a node's start: the slower of the two (fresh and loaded) counts.
        var startup = Math.Max(firstStart.TotalSeconds, loadedStart.TotalSeconds);
        context.Add(Targets.Measured("startup_seconds", startup, "the slower of an empty and a loaded data folder"));
        context.Add(Targets.Measured("rss_mb", double.IsNaN(loadedRss) ? null : loadedRss, "after loading the data set"));
        context.Add(Targets.Informational("rss_idle_mb", double.IsNaN(idleRss) ? null : idleRss, "MB"));
        context.Add(Targets.Informational("rss_peak_mb", double.IsNaN(peakRss) ? null : peakRss, "MB"));
        context.Section("Start and size", [
            $"Data set: {o.DataSet}. Loaded through the API in {loadTime.TotalSeconds:F0} s.",
            "",
            FormattableString.Invariant($"- Healthy after {firstStart.TotalSeconds:F2} s on an empty data folder (databases created and migrated), {loadedStart.TotalSeconds:F2} s on the loaded folder."),
            FormattableString.Invariant($"- Resident memory (VmRSS): {idleRss:F0} MB idle after the first start; {peakRss:F0} MB peak (VmHWM) during the load; {loadedRss:F0} MB 5 s after the load; {restartRss:F0} MB idle after restarting on the loaded folder."),
        ]);
    }

    private static async Task LoadAsync(ScenarioContext context, EmbeddedNode node)
    {
        var o = context.Options;
        var province = new Province(node, context.Log);
        await province.SeedUnitsAsync(o.Units);
        var people = await province.ImportPeopleAsync(o.People, o.DrainTimeout);
        context.Log.WriteLine($"  {people} people imported");
        await province.ImportPlanAsync(o.Tasks, DateTime.UtcNow.Year);
        await province.AssignAsync(Enumerable.Range(0, o.Tasks), 2);
        await province.MintLiaisonsAsync();
        var assignments = province.Assignments;
        var result = await LoadRunner.RunFixedAsync(16, async (caller, timed) =>
        {
            // A caller files on its own assignments only, so no two race on one assignment.
            var own = assignments.Where((_, i) => i % 16 == caller).ToList();
            var random = new Random(caller);
            for (var k = caller; k < o.Reports && own.Count > 0; k += 16)
            {
                var a = own[(k / 16) % own.Count];
                var request = new ReportProgressRequest { AssignmentId = a.Id, Text = SampleData.ReportText(random, false), Percent = 50 };
                await timed(() => province.Planning.ReportProgressAsync(request, province.Liaisons[a.UnitId]).ResponseAsync);
            }
        });
        context.Log.WriteLine("  reports: " + result.Summary());
        var drained = await province.DrainAsync(o.DrainTimeout);
        context.Log.WriteLine(FormattableString.Invariant($"  outbox drained in {drained.Waited.TotalSeconds:F0} s ({drained.Pending} left)"));
    }

    /// <summary>VmHWM: the most the process has held resident since it started.</summary>
    private static double? PeakMegabytes(int pid)
    {
        var status = $"/proc/{pid}/status";
        var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) : null;
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }
}
