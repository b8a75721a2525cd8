using System.Globalization;
using Grpc.Net.Client;
using Platform.BuildingBlocks.Auth;
using Platform.Contracts.Notification.V1;
using Platform.Contracts.Planning.V1;

namespace Platform.Integration.Tests;

/// <summary>
/// Reminders sent exactly once by two notification processes on the same PostgreSQL database
/// and Redis, scanning at the same time, with one of them killed and restarted in between.
/// </summary>
[Collection(DistributedNodeCollection.Name)]
public sealed class NotificationReminderTests(DistributedNode node)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task Two_replicas_and_a_restart_send_each_reminder_exactly_once()
    {
        node.SkipIfUnavailable();
        var (_, _, replicaGrpc) = await node.StartReplicaAsync("notification", new Dictionary<string, string>
        {
            ["Notification__Reminders__ScanInterval"] = "00:00:01",
            ["Notification__Delivery__PollInterval"] = "00:00:01",
        });
        using var gateway = node.CreateGatewayChannel();
        var planning = new PlanningService.PlanningServiceClient(gateway);
        var clerk = SliceScenario.Bearer(node.Tokens.OfficeStaff());
        var operatorToken = SliceScenario.Bearer(node.Tokens.Issue("operator", null, PlatformRoles.NodeOperator));

        // Deadlines already missed: each watch owes exactly one reminder, the overdue one,
        // which planning's own overdue event asks for as well.
        var units = new List<string>();
        var plan = await planning.CreatePlanAsync(new CreatePlanRequest
        {
            Title = "2026年依法行政考核整改任务",
            Year = 2026,
            Tasks = { Enumerable.Range(1, 6).Select(i => new NewTask { Title = $"逾期任务{i}", Deadline = "2026-01-05" }) },
        }, clerk);
        await planning.IssuePlanAsync(new IssuePlanRequest { PlanId = plan.Id }, clerk);
        foreach (var task in plan.Tasks)
        {
            var unit = await planning.CreateUnitAsync(
                new CreateUnitRequest { Name = SliceScenario.UniqueName("南通市部门"), Kind = "department", RegionCode = "320600" }, clerk);
            await planning.AssignTaskAsync(new AssignTaskRequest { TaskId = task.Id, UnitId = unit.Id }, clerk);
            units.Add(unit.Id);
        }

        using var primaryChannel = node.CreateServiceChannel("notification");
        using var replicaChannel = GrpcChannel.ForAddress($"http://127.0.0.1:{replicaGrpc}");
        var primary = new NotificationService.NotificationServiceClient(primaryChannel);
        var replica = new NotificationService.NotificationServiceClient(replicaChannel);
        foreach (var unit in units)
        {
            await Eventually.GetAsync(
                async () => (await primary.ListDeadlineWatchesAsync(new ListDeadlineWatchesRequest { UnitId = unit }, operatorToken)).Watches.FirstOrDefault(),
                Timeout, $"the watch of unit {unit}");
        }

        // Both processes scan at once, repeatedly, besides their own background scans. Which
        // scan holds the lease is not the point (the replica's background scan, every second,
        // may hold it through the whole burst); what was sent is.
        await Task.WhenAll(Enumerable.Range(0, 8).SelectMany(_ => new[] { primary, replica })
            .Select(client => client.RunReminderScanAsync(new RunReminderScanRequest(), operatorToken).ResponseAsync));

        // The primary dies and comes back; both scan again. If it died holding the scan lease,
        // nobody scans until the lease runs out, so the reminders are waited for, not expected at once.
        await node.RestartServiceAsync("notification");
        var crashedHolderFreed = DateTime.UtcNow + TimeSpan.Parse(DistributedNode.CrashedHolderReleasesAfter, CultureInfo.InvariantCulture);
        using var restartedChannel = node.CreateServiceChannel("notification");
        var restarted = new NotificationService.NotificationServiceClient(restartedChannel);
        await Task.WhenAll(Enumerable.Range(0, 4).SelectMany(_ => new[] { restarted, replica })
            .Select(client => client.RunReminderScanAsync(new RunReminderScanRequest(), operatorToken).ResponseAsync));

        foreach (var unit in units)
        {
            await Eventually.GetAsync(
                async () => (await restarted.ListRemindersAsync(new ListRemindersRequest { UnitId = unit }, operatorToken)).Reminders.FirstOrDefault(),
                Timeout, $"the reminder of unit {unit}");
        }
        // A killed holder's lease and delivery claims are free by now: whatever a late scan or a
        // taken-over delivery would add has had its chance before counting.
        await DelayUntilAsync(crashedHolderFreed + TimeSpan.FromSeconds(3));
        foreach (var unit in units)
        {
            var reminders = await restarted.ListRemindersAsync(new ListRemindersRequest { UnitId = unit }, operatorToken);
            var reminder = Assert.Single(reminders.Reminders);
            Assert.Equal("overdue", reminder.Kind);
            Assert.Equal("2026-01-06", reminder.DueOn);
        }

        // Delivered once to each unit's inbox, whichever process dispatched it.
        var notification = new NotificationService.NotificationServiceClient(gateway);
        foreach (var unit in units)
        {
            var leader = SliceScenario.Bearer(node.Tokens.Issue("leader-" + unit[..8], Guid.Parse(unit), PlatformRoles.Leader));
            await Eventually.GetAsync(
                async () => (await notification.ListInboxAsync(new ListInboxRequest { UnitId = unit, Kind = "overdue_reminder" }, leader)).Messages.FirstOrDefault(),
                Timeout, $"the overdue reminder in the inbox of {unit}");
        }
        // Give any duplicate time to show up before counting: a delivery poll of each process.
        await Task.Delay(TimeSpan.FromSeconds(3));
        foreach (var unit in units)
        {
            var leader = SliceScenario.Bearer(node.Tokens.Issue("leader-" + unit[..8], Guid.Parse(unit), PlatformRoles.Leader));
            var inbox = await notification.ListInboxAsync(new ListInboxRequest { UnitId = unit, Kind = "overdue_reminder" }, leader);
            Assert.Single(inbox.Messages);
            Assert.Contains("逾期", inbox.Messages[0].Title, StringComparison.Ordinal);
        }
    }

    private static async Task DelayUntilAsync(DateTime utc)
    {
        var left = utc - DateTime.UtcNow;
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left);
        }
    }
}
