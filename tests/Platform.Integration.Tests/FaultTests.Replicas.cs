using System.Diagnostics;
using Npgsql;
using Platform.Contracts.Events.Inspection;
using Platform.Contracts.Planning.V1;
using Platform.Contracts.Rectification.V1;

namespace Platform.Integration.Tests;

/// <summary>
/// A second replica of each overdue scanner (planning's assignments, rectification's items), both
/// scanning every second on the same database: each lagging row is marked once and raises its
/// event once. (Two notification replicas scanning reminders:
/// <see cref="NotificationReminderTests"/>.)
/// </summary>
public sealed partial class FaultTests
{
    [SkippableFact]
    public async Task Two_replicas_of_each_overdue_scanner_mark_each_lagging_row_and_raise_its_event_once()
    {
        node.SkipIfUnavailable();
        const int rows = 12;
        var replicas = await Task.WhenAll(
            new[] { "planning", "rectification" }.Select(s => node.StartReplicaAsync(s)));
        try
        {
            using var gateway = node.CreateGatewayChannel();
            var planning = new PlanningService.PlanningServiceClient(gateway);
            var rectification = new RectificationService.RectificationServiceClient(gateway);
            var clerk = SliceScenario.Bearer(node.Tokens.OfficeStaff());

            // Planning: assignments whose deadline has passed.
            var unit = await planning.CreateUnitAsync(
                new CreateUnitRequest { Name = SliceScenario.UniqueName("海安市司法局"), Kind = "department", RegionCode = "320621" }, clerk);
            var plan = await planning.CreatePlanAsync(new CreatePlanRequest
            {
                Title = "2026年行政执法监督重点任务",
                Year = 2026,
                Tasks = { Enumerable.Range(1, rows).Select(i => new NewTask { Title = $"逾期重点任务{i}", Deadline = "2026-01-05" }) },
            }, clerk);
            await planning.IssuePlanAsync(new IssuePlanRequest { PlanId = plan.Id }, clerk);
            var assignments = new List<string>();
            foreach (var task in plan.Tasks)
            {
                var assigned = await planning.AssignTaskAsync(new AssignTaskRequest { TaskId = task.Id, UnitId = unit.Id }, clerk);
                assignments.Add(Assert.Single(assigned.Assignments).Id);
            }

            // Rectification: items opened from a feedback given in January, long past their deadlines.
            var unitId = Guid.CreateVersion7();
            var findings = Enumerable.Range(1, rows)
                .Select(i => new FedBackFinding(Guid.CreateVersion7(), $"执法案卷评查问题{i}", "案卷未按期归档。", "如皋市", "行政执法", "general"))
                .ToList();
            await node.PublishAsync(new FeedbackGiven(
                Guid.CreateVersion7(), Guid.CreateVersion7(), "2026年行政执法专项督察", "special_topic", unitId, SliceScenario.UniqueName("如皋市司法局"),
                findings, "inspector-it", new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(8)), DistributedNode.NodeId));
            var items = await Eventually.GetAsync(
                async () => (await rectification.ListItemsAsync(new ListItemsRequest { UnitId = unitId.ToString() }, clerk)).Items is { Count: rows } all ? all : null,
                TimeSpan.FromSeconds(60), $"{rows} rectification items from the feedback");
            var lagging = Stopwatch.StartNew();

            // Each marked: the event in planning's outbox, the history entry on the item.
            await Eventually.GetAsync(
                async () => (await OverdueEventsAsync(plan.Id)).Keys.Count(assignments.Contains) == rows ? "all" : null,
                TimeSpan.FromSeconds(60), "an AssignmentOverdue event for every assignment");
            await Eventually.GetAsync(
                async () => (await OverdueHistoryAsync(rectification, clerk, items.Select(i => i.Id))).Values.All(n => n > 0) ? "all" : null,
                TimeSpan.FromSeconds(60), "an overdue entry in every item's history");
            var marked = lagging.Elapsed;

            // Several more rounds of every replica: still once each.
            await Task.Delay(TimeSpan.FromSeconds(4));
            var events = await OverdueEventsAsync(plan.Id);
            var history = await OverdueHistoryAsync(rectification, clerk, items.Select(i => i.Id));
            var rectificationEvents = await OutboxCountsAsync("rectification", "rectification.item_overdue.v1", "itemId", items.Select(i => i.Id));
            var lostRaces = replicas.Sum(r => CountLines(r.Process.Output, "batch dropped"));
            var summary = $"{rows} assignments and {rows} items marked within {marked.TotalSeconds:F1} s of the last item opening; lost races logged by the second replicas: {lostRaces}";
            Assert.True(assignments.All(a => events.GetValueOrDefault(a) == 1), $"{summary}; AssignmentOverdue per assignment: {string.Join(",", events.Values)}");
            Assert.All(history.Values, n => Assert.Equal(1, n));
            Assert.All(items, i => Assert.Equal(1, rectificationEvents.GetValueOrDefault(i.Id)));
            // Every replica scans each second; 30 s leaves room for a loaded machine.
            Assert.True(marked < TimeSpan.FromSeconds(30), summary);
            output.WriteLine(summary);
        }
        finally
        {
            foreach (var replica in replicas)
            {
                await node.StopReplicaAsync(replica.Process);
            }
        }
    }

    private Task<Dictionary<string, int>> OverdueEventsAsync(string planId) =>
        OutboxCountsAsync("planning", "planning.assignment_overdue.v1", "assignmentId", [], planId);

    /// <summary>How many events of a type a service's outbox holds per <paramref name="idProperty"/>, among those naming <paramref name="about"/>.</summary>
    private async Task<Dictionary<string, int>> OutboxCountsAsync(string service, string wireName, string idProperty, IEnumerable<string> ids, string? about = null)
    {
        await using var connection = new NpgsqlConnection(node.ServiceEnvironment(service)[$"ConnectionStrings__{service}db"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "Payload" FROM outbox_messages WHERE "MessageType" = @type""", connection);
        command.Parameters.AddWithValue("type", wireName);
        var wanted = ids.ToHashSet();
        var counts = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var payload = reader.GetString(0);
            if (about is not null && !payload.Contains(about, StringComparison.Ordinal))
            {
                continue;
            }
            var id = JsonDocument.Parse(payload).RootElement.GetProperty(idProperty).GetString()!;
            if (about is not null || wanted.Contains(id))
            {
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
        }
        return counts;
    }

    private static async Task<Dictionary<string, int>> OverdueHistoryAsync(RectificationService.RectificationServiceClient rectification, Metadata clerk, IEnumerable<string> items)
    {
        var counts = new Dictionary<string, int>();
        foreach (var item in items)
        {
            var history = await rectification.ListItemHistoryAsync(new ListItemHistoryRequest { ItemId = item }, clerk);
            counts[item] = history.Entries.Count(e => e.Action == "overdue");
        }
        return counts;
    }

    private static int CountLines(string output, string text) =>
        output.Split('\n').Count(line => line.Contains(text, StringComparison.Ordinal));
}
