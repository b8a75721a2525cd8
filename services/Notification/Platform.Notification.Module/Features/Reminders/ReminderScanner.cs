using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Hosting;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Kernel.Time;
using Platform.BuildingBlocks.Locks;
using Platform.BuildingBlocks.Node;
using Platform.BuildingBlocks.Resilience;
using Platform.Notification.Module.Features.Delivery;
using DeadlineWatch = Platform.Notification.Module.Domain.DeadlineWatch;

namespace Platform.Notification.Module.Features.Reminders;

/// <summary>What one scan did.</summary>
public readonly record struct ScanResult(bool LeaseAcquired, int WatchesScanned, int RemindersSent);

/// <summary>
/// Sends the reminders that are due. Runs on every replica; each batch is done under a lease
/// (Redis in the distributed node) so replicas do not do the same work, and each reminder is a
/// row with a unique key written with its message, so even two scanners that overlap (a lease
/// that expired mid-batch) send it once. A scan takes every watch whose next reminder is due
/// on or before today, so a node that was down catches up rather than skipping.
/// </summary>
public sealed class ReminderScanner(
    IServiceScopeFactory scopes,
    ILeaseProvider leases,
    IOptions<ReminderOptions> options,
    TimeProvider clock,
    ILogger<ReminderScanner> logger) : PeriodicWorker(logger)
{
    public const string LeaseName = "notification:reminder-scan";

    protected override TimeSpan Interval => options.Value.ScanInterval;

    protected override async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        await ScanAllDueAsync(cancellationToken);
    }

    /// <summary>Scans batch after batch until nothing is due; returns the reminders this replica sent.</summary>
    public async Task<ScanResult> ScanAllDueAsync(CancellationToken cancellationToken)
    {
        var total = new ScanResult(false, 0, 0);
        while (true)
        {
            var batch = await ScanOnceAsync(cancellationToken);
            total = new ScanResult(total.LeaseAcquired || batch.LeaseAcquired, total.WatchesScanned + batch.WatchesScanned, total.RemindersSent + batch.RemindersSent);
            if (!batch.LeaseAcquired || batch.WatchesScanned < options.Value.BatchSize)
            {
                return total;
            }
        }
    }

    /// <summary>One batch under the lease.</summary>
    public async Task<ScanResult> ScanOnceAsync(CancellationToken cancellationToken)
    {
        await using var lease = await leases.TryAcquireAsync(LeaseName, options.Value.LeaseDuration, cancellationToken);
        if (lease is null)
        {
            return new ScanResult(false, 0, 0);
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationDbContext>();
        var writer = scope.ServiceProvider.GetRequiredService<ReminderWriter>();
        var today = clock.TodayInChina();
        var watches = await db.DeadlineWatches
            .Where(w => w.Active && w.NextReminderOn != null && w.NextReminderOn <= today)
            .OrderBy(w => w.NextReminderOn).ThenBy(w => w.Id)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);
        if (watches.Count == 0)
        {
            return new ScanResult(true, 0, 0);
        }
        var sent = await writer.SendDueAsync(watches, today, cancellationToken);
        // Another scanner may commit some of these reminders first (its lease expired while it
        // worked, or Redis was away and each replica leased in its process): the unique key
        // rejects ours, nothing is sent twice, and the next round re-reads.
        return await LostRaces.TrySaveAsync(db, ConflictOperation, logger, cancellationToken)
            ? new ScanResult(true, watches.Count, sent)
            : new ScanResult(true, 0, 0);
    }

    /// <summary>The operation tag of the conflicts this scanner drops.</summary>
    public const string ConflictOperation = "notification.reminder_scan";
}

/// <summary>Writes due reminders of watches: the reminder row, the message and its deliveries, in the caller's unit of work.</summary>
public sealed class ReminderWriter(
    NotificationDbContext db,
    OutgoingMessages outgoing,
    ReminderSchedule schedule,
    TimeProvider clock,
    IOptions<NodeOptions> node)
{
    /// <summary>Queues every reminder of the watches due in [watched-from, today] not sent yet; advances each watch. Returns how many.</summary>
    public async Task<int> SendDueAsync(IReadOnlyList<DeadlineWatch> watches, DateOnly today, CancellationToken cancellationToken)
    {
        var ids = watches.Select(w => w.Id).ToList();
        var already = (await db.SentReminders.AsNoTracking()
                .Where(r => ids.Contains(r.WatchId))
                .Select(r => new { r.WatchId, r.Kind, r.DueOn })
                .ToListAsync(cancellationToken))
            .Select(r => (r.WatchId, r.Kind, r.DueOn))
            .ToHashSet();
        var now = clock.GetUtcNow();
        var sent = 0;
        foreach (var watch in watches)
        {
            foreach (var slot in schedule.DueBetween(watch.Deadline, watch.WatchedFrom, today))
            {
                if (already.Contains((watch.Id, slot.Kind, slot.DueOn)))
                {
                    continue;
                }
                await QueueAsync(watch, slot, today, now, cancellationToken);
                sent++;
            }
            watch.Advance(today, schedule, now, node.Value.Id);
        }
        return sent;
    }

    private async Task QueueAsync(DeadlineWatch watch, ReminderSlot slot, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (kind, title, body) = ReminderText.For(watch, slot, today);
        var message = NotificationMessage.Create(
            kind, title, body, watch.SourceId, new Audit("system", now, node.Value.Id),
            aboutRectificationItem: watch.SourceType == WatchSources.RectificationItem);
        db.SentReminders.Add(SentReminder.Create(watch, slot, message.Id, now, node.Value.Id));
        // Before and on the day the liaison is reminded; once overdue the leader is told as well.
        var audience = slot.IsOverdue ? Audiences.All : Audiences.Liaison;
        await outgoing.QueueAsync(message, [new Addressing(watch.UnitId, audience)], cancellationToken);
    }
}

/// <summary>The Chinese text of a reminder.</summary>
public static class ReminderText
{
    public static (string Kind, string Title, string Body) For(DeadlineWatch watch, ReminderSlot slot, DateOnly today)
    {
        var what = watch.SourceType == WatchSources.RectificationItem ? "整改事项" : "交办任务";
        var deadline = watch.Deadline.ToChinese();
        if (slot.IsOverdue)
        {
            return (MessageKinds.Overdue, $"逾期催办：{watch.Title}",
                $"{watch.UnitName}：{what}“{watch.Title}”的办理期限{deadline}已过，至今未办结。请主要负责人督促落实，尽快办结并说明逾期原因。");
        }
        if (slot.Kind == ReminderSlot.DueDay)
        {
            return (MessageKinds.Reminder, $"今日到期：{watch.Title}",
                $"{watch.UnitName}：{what}“{watch.Title}”今日（{deadline}）到期，请于今日办结并报送办理情况。");
        }
        return (MessageKinds.Reminder, $"临期提醒：{watch.Title}",
            $"{watch.UnitName}：{what}“{watch.Title}”将于{deadline}到期，请抓紧办理，按时报送办理情况。（{today.ToChinese()}提醒）");
    }
}
