using Grpc.Net.Client;
using System.Diagnostics;
using Platform.BuildingBlocks.Auth;
using Platform.Contracts.Notification.V1;
using Platform.Contracts.Planning.V1;

namespace Platform.Integration.Tests;

/// <summary>
/// The broker cut during writes, notification killed mid-consumption, the gateway killed and
/// started again: every acknowledged write's event is delivered exactly once, within a bound.
/// </summary>
public sealed partial class FaultTests
{
    [SkippableFact]
    public async Task Broker_down_during_writes_loses_nothing_and_delivers_every_event_once_within_seconds_of_its_return()
    {
        node.SkipIfUnavailable();
        using var gateway = node.CreateGatewayChannel();
        var (unitId, tasks) = await IssuedPlanAsync(gateway, 20);
        var planning = new PlanningService.PlanningServiceClient(gateway);
        var clerk = SliceScenario.Bearer(node.Tokens.OfficeStaff());

        node.BrokerFault.Cut();
        var writes = new List<double>();
        try
        {
            foreach (var task in tasks)
            {
                var watch = Stopwatch.StartNew();
                var assigned = await planning.AssignTaskAsync(new AssignTaskRequest { TaskId = task, UnitId = unitId }, clerk);
                writes.Add(watch.Elapsed.TotalMilliseconds);
                Assert.Equal(unitId, Assert.Single(assigned.Assignments).UnitId);
            }
            // Long enough for the reconnect back-off to have grown (MassTransit's own reached 23–37 s).
            await Task.Delay(TimeSpan.FromSeconds(15));
        }
        finally
        {
            node.BrokerFault.Restore();
        }
        var back = Stopwatch.StartNew();

        var notification = new NotificationService.NotificationServiceClient(gateway);
        await Eventually.GetAsync(
            async () => (await TaskAssignedMessagesAsync(notification, unitId)).Count >= tasks.Count ? "all" : null,
            TimeSpan.FromSeconds(60), $"{tasks.Count} TaskAssigned messages after the broker returned");
        var delivered = back.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(3));
        var messages = await TaskAssignedMessagesAsync(notification, unitId);
        writes.Sort();
        var summary = $"writes during the outage: max {writes[^1]:F0} ms, median {writes[writes.Count / 2]:F0} ms; all {tasks.Count} delivered {delivered.TotalSeconds:F1} s after the broker returned";
        Assert.True(Enumerable.SequenceEqual(tasks.Order(), messages.Select(m => m.SubjectId).Order()), $"{summary}; got {messages.Count} messages");
        Assert.True(writes[^1] < 3000, summary);
        Assert.True(delivered < TimeSpan.FromSeconds(15), summary);
        output.WriteLine(summary);
    }

    [SkippableFact]
    public async Task Notification_killed_mid_consumption_handles_every_message_once_after_its_restart()
    {
        node.SkipIfUnavailable();
        // Large enough that notification is still consuming when the test sees the first messages and kills it:
        // since events are dispatched at commit, a burst of 100 could be consumed whole before the kill.
        const int burst = 400;
        using var gateway = node.CreateGatewayChannel();
        var (unitId, tasks) = await IssuedPlanAsync(gateway, burst);
        var planning = new PlanningService.PlanningServiceClient(gateway);
        var clerk = SliceScenario.Bearer(node.Tokens.OfficeStaff());

        // The events wait in the outbox while the broker is away, so they reach notification as one burst.
        node.BrokerFault.Cut();
        try
        {
            await Task.WhenAll(tasks.Chunk(burst / 8).Select(async chunk =>
            {
                foreach (var task in chunk)
                {
                    await planning.AssignTaskAsync(new AssignTaskRequest { TaskId = task, UnitId = unitId }, clerk);
                }
            }));
        }
        finally
        {
            node.BrokerFault.Restore();
        }

        int consumedAtKill;
        using (var direct = node.CreateServiceChannel("notification"))
        {
            var inbox = new NotificationService.NotificationServiceClient(direct);
            consumedAtKill = (await Eventually.GetAsync(
                async () => (await TaskAssignedMessagesAsync(inbox, unitId)) is { Count: > 0 } some ? some : null,
                TimeSpan.FromSeconds(60), "notification to start consuming the burst")).Count;
        }
        var restart = Stopwatch.StartNew();
        await node.RestartServiceAsync("notification");
        var restarted = restart.Elapsed;

        var notification = new NotificationService.NotificationServiceClient(gateway);
        await Eventually.GetAsync(
            async () => (await TaskAssignedMessagesAsync(notification, unitId)).Count >= burst ? "all" : null,
            TimeSpan.FromSeconds(60), $"{burst} TaskAssigned messages after notification's restart");
        var delivered = restart.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(3));
        var messages = await TaskAssignedMessagesAsync(notification, unitId);
        var summary = $"killed with {consumedAtKill} of {burst} in the inbox; restarted in {restarted.TotalSeconds:F1} s; all {burst} in {delivered.TotalSeconds:F1} s";
        Assert.True(consumedAtKill < burst, $"the kill came after the burst was consumed: {summary}");
        Assert.True(Enumerable.SequenceEqual(tasks.Order(), messages.Select(m => m.SubjectId).Order()), $"{summary}; got {messages.Count} messages");
        Assert.True(delivered - restarted < TimeSpan.FromSeconds(20), summary);
        output.WriteLine(summary);
    }

    [SkippableFact]
    public async Task Gateway_killed_and_restarted_fails_calls_fast_while_down_and_doubles_nothing()
    {
        node.SkipIfUnavailable();
        using var http = node.CreateGatewayClient();
        var clerk = node.Tokens.OfficeStaff(SliceScenario.UniqueName("clerk-"));
        var prefix = SliceScenario.UniqueName("网关故障");

        // Writes in flight from four callers when the gateway dies.
        using var stop = new CancellationTokenSource();
        var answered = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        var sequence = 0;
        var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var name = $"{prefix}-{Interlocked.Increment(ref sequence)}";
                try
                {
                    using var response = await SendAsync(http, HttpMethod.Post, "/api/planning/v1/units", clerk, NewUnit(name));
                    answered[name] = response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    answered[name] = false;
                }
            }
        })).ToList();
        await Eventually.GetAsync(() => Task.FromResult(answered.Count(a => a.Value) >= 8 ? "some" : null), TimeSpan.FromSeconds(30), "the first writes");
        await node.KillGatewayAsync();
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        // While it is down a call is refused at once, not left waiting.
        var down = Stopwatch.StartNew();
        await Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(http, HttpMethod.Get, "/api/planning/v1/units", clerk));
        var refusedIn = down.Elapsed;

        var restart = Stopwatch.StartNew();
        await node.StartGatewayAsync();
        var restarted = restart.Elapsed;
        var after = $"{prefix}-after";
        using (var created = await SendAsync(http, HttpMethod.Post, "/api/planning/v1/units", clerk, NewUnit(after)))
        {
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }

        var stored = await UnitCountsAsync(http, clerk, prefix);
        var summary = $"{answered.Count(a => a.Value)} writes answered, {answered.Count(a => !a.Value)} cut off or refused; a call while down refused in {refusedIn.TotalMilliseconds:F0} ms; gateway back in {restarted.TotalSeconds:F1} s";
        Assert.True(refusedIn < TimeSpan.FromSeconds(1), summary);
        Assert.All(answered.Where(a => a.Value), a => Assert.Equal(1, stored.GetValueOrDefault(a.Key)));
        // A write cut off with the gateway may or may not have reached planning, but never twice.
        Assert.All(stored, s => Assert.Equal(1, s.Value));
        Assert.Equal(1, stored.GetValueOrDefault(after));
        output.WriteLine(summary);
    }

    [SkippableFact]
    public async Task A_database_blip_under_a_second_during_reads_is_invisible_to_the_caller()
    {
        node.SkipIfUnavailable();
        using var http = node.CreateGatewayClient();
        var clerk = node.Tokens.OfficeStaff(SliceScenario.UniqueName("clerk-"));
        // Readers keep several pooled connections open, which the blip resets. A first read per reader warms the
        // path (JIT, token validation, pooled connections) so the blip, not a cold start, is what gets measured.
        await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            using var warm = await SendAsync(http, HttpMethod.Get, "/api/planning/v1/units?page_size=20", clerk);
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }));
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var answers = new System.Collections.Concurrent.ConcurrentQueue<(HttpStatusCode Status, TimeSpan Start, TimeSpan End)>();
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var start = clock.Elapsed;
                using var response = await SendAsync(http, HttpMethod.Get, "/api/planning/v1/units?page_size=20", clerk);
                answers.Enqueue((response.StatusCode, start, clock.Elapsed));
            }
        })).ToList();
        await Task.Delay(TimeSpan.FromSeconds(1));

        node.DatabaseFault.Cut();
        var cut = clock.Elapsed;
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        node.DatabaseFault.Restore();
        var restored = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        var all = answers.ToList();
        var caught = all.Count(a => a.Start < restored && a.End > cut);
        var slowest = all.Max(a => (a.End - a.Start).TotalMilliseconds);
        var summary = $"{all.Count} reads, {caught} in flight during the {(restored - cut).TotalMilliseconds:F0} ms blip; answers: " +
            string.Join(", ", all.GroupBy(a => (int)a.Status).Select(g => $"{g.Key}: {g.Count()}")) + $"; slowest {slowest:F0} ms" +
            $"; cut at {cut.TotalMilliseconds:F0} ms, reads (start-end ms): " +
            string.Join(" ", all.Where(a => a.Start < restored && a.End > cut).Select(a => $"{a.Start.TotalMilliseconds:F0}-{a.End.TotalMilliseconds:F0}"));
        Assert.True(caught > 0, summary);
        Assert.All(all, a => Assert.True(a.Status == HttpStatusCode.OK, summary));
        Assert.True(slowest < 4000, summary);
        output.WriteLine(summary);
    }

    /// <summary>A unit and an issued plan with <paramref name="count"/> tasks; returns the unit and the task ids.</summary>
    private async Task<(string UnitId, List<string> Tasks)> IssuedPlanAsync(GrpcChannel gateway, int count)
    {
        var planning = new PlanningService.PlanningServiceClient(gateway);
        var clerk = SliceScenario.Bearer(node.Tokens.OfficeStaff());
        var unit = await planning.CreateUnitAsync(
            new CreateUnitRequest { Name = SliceScenario.UniqueName("如东县司法局"), Kind = "department", RegionCode = "320623" }, clerk);
        var plan = await planning.CreatePlanAsync(new CreatePlanRequest
        {
            Title = "2026年法治政府建设重点任务",
            Year = 2026,
            Tasks = { Enumerable.Range(1, count).Select(i => new NewTask { Title = $"重点任务{i}", Deadline = "2026-12-31" }) },
        }, clerk);
        await planning.IssuePlanAsync(new IssuePlanRequest { PlanId = plan.Id }, clerk);
        return (unit.Id, [.. plan.Tasks.Select(t => t.Id)]);
    }

    private async Task<List<InboxMessage>> TaskAssignedMessagesAsync(NotificationService.NotificationServiceClient notification, string unitId)
    {
        var leader = SliceScenario.Bearer(node.Tokens.Issue("leader-" + unitId[..8], Guid.Parse(unitId), PlatformRoles.Leader));
        var response = await notification.ListInboxAsync(new ListInboxRequest { UnitId = unitId, Kind = "task_assigned", PageSize = 500 }, leader);
        return [.. response.Messages];
    }

    private static async Task<Dictionary<string, int>> UnitCountsAsync(HttpClient http, string token, string prefix)
    {
        using var response = await SendAsync(http, HttpMethod.Get, $"/api/planning/v1/units?query={Uri.EscapeDataString(prefix)}&page_size=500", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.TryGetProperty("units", out var units)
            ? units.EnumerateArray().GroupBy(u => u.GetProperty("name").GetString()!).ToDictionary(g => g.Key, g => g.Count())
            : [];
    }
}
