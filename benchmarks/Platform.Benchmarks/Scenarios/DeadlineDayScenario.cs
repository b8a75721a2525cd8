using System.Diagnostics;
using Grpc.Core;
using Platform.Benchmarks.Kit;
using Platform.Benchmarks.Load;
using Platform.Benchmarks.Reporting;
using Platform.Contracts.Planning.V1;
using Platform.Planning.Benchmark;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// Deadline day: units, a plan and its assignments seeded through the API; then all but the first
/// task are assigned at once and the liaisons start filing while those assignments' events are
/// still in the outbox. Afterwards every acknowledged report is looked for among the stored ones
/// (ListProgressReports) and the outbox must drain (DescribeService) — a report is lost if it is
/// not stored or its event is never published.
/// </summary>
public static class DeadlineDayScenario
{
    public static async Task RunAsync(ScenarioContext context, HarnessOptions o, EmbeddedNode node, string prefix, string where)
    {
        var province = new Province(node, context.Log);
        await province.SeedUnitsAsync(o.DeadlineUnits);
        await province.ImportPlanAsync(o.DeadlineTasks, DateTime.UtcNow.Year);
        await province.MintLiaisonsAsync();

        // Warm-up, not counted: the first task's assignments get a report each, then the outbox drains.
        await province.AssignAsync([0], 1);
        var warm = province.Assignments.ToList();
        await Parallel.ForEachAsync(warm, new ParallelOptions { MaxDegreeOfParallelism = o.Liaisons }, async (a, _) =>
            await province.Planning.ReportProgressAsync(new ReportProgressRequest { AssignmentId = a.Id, Text = "预热：本单位已部署落实。", Percent = 10 }, province.Liaisons[a.UnitId]));
        await province.DrainAsync(o.DrainTimeout);

        var assignWatch = Stopwatch.StartNew();
        var assignTime = await province.AssignAsync(Enumerable.Range(1, o.DeadlineTasks - 1), 2);
        var assigned = province.Assignments.Skip(warm.Count).ToList();
        var (backlog, _) = await province.PlanningOutboxAsync();
        context.Log.WriteLine(FormattableString.Invariant($"[{prefix}deadline-day] {assigned.Count} assignments in {assignTime.TotalSeconds:F1} s; {backlog} events in the outbox as the reports start; {o.Liaisons} liaisons for {o.DeadlineDuration.TotalSeconds:F0} s"));

        // Each liaison owns the assignments whose position modulo the callers is its number, so
        // one assignment's reports are filed in order by one caller.
        var acknowledged = 0;
        using var stop = new CancellationTokenSource(o.DeadlineDuration);
        var result = await LoadRunner.RunFixedAsync(o.Liaisons, async (caller, timed) =>
        {
            var own = assigned.Where((_, i) => i % o.Liaisons == caller).ToList();
            var random = new Random(caller);
            for (var k = 0; own.Count > 0 && !stop.IsCancellationRequested; k++)
            {
                var a = own[k % own.Count];
                var request = new ReportProgressRequest { AssignmentId = a.Id, Text = SampleData.ReportText(random, false), Percent = Math.Min(95, 10 + k / own.Count) };
                if (await timed(() => province.Planning.ReportProgressAsync(request, province.Liaisons[a.UnitId]).ResponseAsync))
                {
                    Interlocked.Increment(ref acknowledged);
                }
            }
        });
        var (pendingAtEnd, _) = await province.PlanningOutboxAsync();
        context.Log.WriteLine("  reports: " + result.Summary());

        var drained = await province.DrainAsync(o.DrainTimeout);
        var stored = await province.CountStoredReportsAsync() - warm.Count;
        var missing = Math.Max(0, acknowledged - stored);
        // What the outbox still holds after the drain timeout was never published: count it as lost,
        // bounded by the reports (the rest are assignments' events).
        var undelivered = (int)Math.Min(acknowledged, drained.Pending + drained.Failing);
        var lost = missing + undelivered;

        context.Add(Targets.Measured(prefix + "reports_per_second", result.Calls > 0 ? result.PerSecond : null));
        context.Add(Targets.Measured(prefix + "reports_p99_ms", result.Calls > 0 ? result.Percentile(99) : null));
        context.Add(Targets.Measured(prefix + "reports_lost", acknowledged > 0 ? lost : null));
        context.Add(Targets.Informational(prefix + "reports_p50_ms", result.Calls > 0 ? result.Percentile(50) : null, "ms"));
        context.Add(Targets.Informational(prefix + "assignments_per_second", assigned.Count / assignTime.TotalSeconds, "assignments/s"));
        context.Section($"Deadline day ({where})", [
            FormattableString.Invariant($"{o.DeadlineUnits} units, a plan of {o.DeadlineTasks} tasks. Warm-up (not counted): task 1 assigned to every unit, one report each, outbox drained. Then tasks 2–{o.DeadlineTasks} assigned to every unit, 2 AssignTask calls at a time: {assigned.Count:N0} assignments in {assignTime.TotalSeconds:F1} s ({assigned.Count / assignTime.TotalSeconds:F0}/s), leaving **{backlog:N0} events in the outbox** when {o.Liaisons} liaisons started filing for {o.DeadlineDuration.TotalSeconds:F0} s."),
            "",
            FormattableString.Invariant($"- ReportProgress: {result.Summary()}."),
            FormattableString.Invariant($"- Outbox when the filing stopped: {pendingAtEnd:N0} events pending; it drained in {drained.Waited.TotalSeconds:F1} s (left: {drained.Pending} pending, {drained.Failing} failing; the harness waits at most {o.DrainTimeout.TotalSeconds:F0} s)."),
            FormattableString.Invariant($"- Acknowledged {acknowledged:N0}; stored (ListProgressReports over the plan, less the warm-up's {warm.Count}) {stored:N0}; acknowledged but not stored {missing}; events never published {undelivered}: **reports_lost = {lost}**."),
        ]);
    }
}
