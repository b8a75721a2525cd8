using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events.Planning;
using Platform.Contracts.Events.Rectification;
using Platform.Contracts.Notification.V1;
using Microsoft.Extensions.DependencyInjection;
using Platform.Notification.Module.Domain;
using Platform.Notification.Module.Features.Reminders;
using Platform.Notification.Module.Infrastructure;

namespace Platform.Functional.Tests.Notification;

/// <summary>
/// Deadline reminders on the 2026 calendar around National Day: 1–7 October are holidays and
/// Saturday 10 October is a make-up working day (国庆节调休上班).
/// </summary>
[Collection(NotificationNodeCollection.Name)]
public sealed class ReminderTests(NotificationNode node)
{
    [Fact]
    public async Task Reminders_fall_on_working_days_across_national_day_and_the_make_up_saturday_once_each()
    {
        node.SetToday(2026, 9, 28);
        var unit = Guid.CreateVersion7();
        await node.AddContactAsync(unit, "南通市交通运输局", "liaison", "jt-liaison", "liaison@jt.nantong.gov.cn");
        await node.AddContactAsync(unit, "南通市交通运输局", "leader", "jt-leader", "leader@jt.nantong.gov.cn");

        // Deadline Monday 12 October: 3 working days before is Thursday 8 October (1–7 are off),
        // 1 working day before is the make-up Saturday 10 October, overdue on Tuesday 13 October.
        var assignment = await AssignAsync(unit, "南通市交通运输局", "规范交通运输领域行政执法", new DateOnly(2026, 10, 12));
        var watch = await node.QueryAsync(db => db.DeadlineWatches.SingleAsync(w => w.SourceId == assignment));
        Assert.Equal(new DateOnly(2026, 10, 8), watch.NextReminderOn);

        var expected = new (int Month, int Day, string? Kind)[]
        {
            (9, 30, null), (10, 1, null), (10, 7, null), (10, 8, "before_3"), (10, 9, null),
            (10, 10, "before_1"), (10, 11, null), (10, 12, "due_day"), (10, 13, "overdue"), (10, 14, null),
        };
        var sentSoFar = 0;
        foreach (var (month, day, kind) in expected)
        {
            node.SetToday(2026, month, day);
            var scan = await node.ScanRemindersAsync();
            Assert.True(scan.LeaseAcquired);
            sentSoFar += kind is null ? 0 : 1;
            Assert.Equal(sentSoFar, (await SentAsync(watch.Id)).Length);
            // A second scan the same day (another replica, a restart) sends nothing more.
            await node.ScanRemindersAsync();
            Assert.Equal(sentSoFar, (await SentAsync(watch.Id)).Length);
        }

        var reminders = await node.Notification.ListRemindersAsync(new ListRemindersRequest { WatchId = watch.Id.ToString() }, node.Clerk);
        Assert.Equal(
            ["before_3:2026-10-08", "before_1:2026-10-10", "due_day:2026-10-12", "overdue:2026-10-13"],
            reminders.Reminders.Select(r => $"{r.Kind}:{r.DueOn}").ToArray());

        await node.DispatchAsync();
        var liaisonInbox = await node.Notification.ListInboxAsync(
            new ListInboxRequest { UnitId = unit.ToString(), Kind = MessageKinds.Reminder }, node.LiaisonOf(unit));
        Assert.Equal(3, liaisonInbox.Messages.Count);
        Assert.All(liaisonInbox.Messages, m => Assert.Equal("liaison", m.Audience));
        Assert.Contains(liaisonInbox.Messages, m => m.Title.StartsWith("今日到期", StringComparison.Ordinal) && m.Body.Contains("2026年10月12日", StringComparison.Ordinal));

        // Overdue goes to the leader as well: in the inbox (audience all) and by e-mail.
        var leaderInbox = await node.Notification.ListInboxAsync(new ListInboxRequest { UnitId = unit.ToString() }, node.LeaderOf(unit));
        var overdue = Assert.Single(leaderInbox.Messages, m => m.Kind == MessageKinds.Overdue);
        Assert.True(overdue.Urgent);
        Assert.Contains("逾期", overdue.Title, StringComparison.Ordinal);
        Assert.DoesNotContain(leaderInbox.Messages, m => m.Kind == MessageKinds.Reminder);
        var mails = node.Smtp.Received.Where(m => (m.Message.Subject ?? string.Empty).EndsWith("规范交通运输领域行政执法", StringComparison.Ordinal)).ToList();
        string[] beforeAndOnTheDay = ["临期提醒", "今日到期"];
        Assert.Equal(3, mails.Count(m => m.To.Contains("liaison@jt.nantong.gov.cn") && beforeAndOnTheDay.Any(p => (m.Message.Subject ?? string.Empty).StartsWith(p, StringComparison.Ordinal))));
        Assert.DoesNotContain(mails, m => m.To.Contains("leader@jt.nantong.gov.cn") && beforeAndOnTheDay.Any(p => (m.Message.Subject ?? string.Empty).StartsWith(p, StringComparison.Ordinal)));
        Assert.Single(mails, m => m.To.Contains("leader@jt.nantong.gov.cn") && (m.Message.Subject ?? string.Empty).StartsWith("逾期催办", StringComparison.Ordinal));
        Assert.Single(mails, m => m.To.Contains("liaison@jt.nantong.gov.cn") && (m.Message.Subject ?? string.Empty).StartsWith("逾期催办", StringComparison.Ordinal));

        var after = await node.QueryAsync(db => db.DeadlineWatches.AsNoTracking().SingleAsync(w => w.Id == watch.Id));
        Assert.Null(after.NextReminderOn);
    }

    [Fact]
    public async Task A_node_that_was_down_catches_up_every_missed_reminder_and_an_extension_restarts_the_schedule()
    {
        node.SetToday(2026, 9, 28);
        var unit = Guid.CreateVersion7();
        var itemId = Guid.CreateVersion7();
        // Deadline Friday 9 October: before_3 Tue 29 Sep, before_1 Thu 8 Oct, overdue on the make-up Saturday 10 Oct.
        var opened = Guid.NewGuid();
        await node.PublishAsync(new RectificationItemOpened(
            itemId, Guid.CreateVersion7(), null, unit, "海安市人民政府", "行政复议纠错率偏高", "administrative_reconsideration", "serious",
            "张三", new DateOnly(2026, 10, 9), DateTimeOffset.UtcNow, "func-test"), opened);
        await node.WaitConsumedAsync(opened);
        // Redelivered: still one watch.
        await node.PublishAsync(new RectificationItemOpened(
            itemId, Guid.CreateVersion7(), null, unit, "海安市人民政府", "行政复议纠错率偏高", "administrative_reconsideration", "serious",
            "张三", new DateOnly(2026, 10, 9), DateTimeOffset.UtcNow, "func-test"), opened);
        var watch = await node.QueryAsync(db => db.DeadlineWatches.SingleAsync(w => w.SourceId == itemId));

        // An item's title is its finding's: the office reads it on the watch, an operator does not.
        var unitWatches = new ListDeadlineWatchesRequest { UnitId = unit.ToString() };
        Assert.Equal("行政复议纠错率偏高", Assert.Single((await node.Notification.ListDeadlineWatchesAsync(unitWatches, node.Clerk)).Watches).Title);
        var operatorView = Assert.Single((await node.Notification.ListDeadlineWatchesAsync(unitWatches, node.Operator)).Watches);
        Assert.Equal(itemId.ToString(), operatorView.SourceId);
        Assert.Empty(operatorView.Title);

        // Nobody scanned between 28 September and 10 October (the node was down): the first
        // scan sends every reminder that fell due since the watch began, none skipped.
        node.SetToday(2026, 10, 10);
        await node.ScanRemindersAsync();
        string[] missed = ["before_3:2026-09-29", "before_1:2026-10-08", "due_day:2026-10-09", "overdue:2026-10-10"];
        Assert.Equal(missed, await SentAsync(watch.Id));

        // An extension to 16 October restarts the reminders from today for the new date.
        var extended = Guid.NewGuid();
        await node.PublishAsync(new RectificationExtensionApproved(
            itemId, unit, new DateOnly(2026, 10, 9), new DateOnly(2026, 10, 16), "clerk", DateTimeOffset.UtcNow, "func-test"), extended);
        await node.WaitConsumedAsync(extended);
        node.SetToday(2026, 10, 13);
        await node.ScanRemindersAsync();
        string[] afterExtension = [.. missed, "before_3:2026-10-13"]; // before_3 of the 16th: Tuesday 13 October
        Assert.Equal(afterExtension, await SentAsync(watch.Id));

        // Verified: the watch stops.
        var verified = Guid.NewGuid();
        await node.PublishAsync(new RectificationVerified(itemId, unit, "clerk", DateTimeOffset.UtcNow, "func-test"), verified);
        await node.WaitConsumedAsync(verified);
        node.SetToday(2026, 10, 16);
        await node.ScanRemindersAsync();
        Assert.Equal(afterExtension, await SentAsync(watch.Id));
        Assert.False((await node.QueryAsync(db => db.DeadlineWatches.AsNoTracking().SingleAsync(w => w.Id == watch.Id))).Active);
    }

    [Fact]
    public async Task A_scan_that_read_a_watch_before_an_extension_moved_it_loses_its_batch_not_the_new_reminders()
    {
        node.SetToday(2026, 10, 10);
        var unit = Guid.CreateVersion7();
        var assignment = await AssignAsync(unit, "如东县司法局", "开展行政执法案卷评查", new DateOnly(2026, 10, 9));
        var watchId = (await node.QueryAsync(db => db.DeadlineWatches.AsNoTracking().SingleAsync(w => w.SourceId == assignment))).Id;

        // A scan reads the overdue watch and advances it past its last reminder; before it commits,
        // an extension to 16 October moves the watch in another unit of work.
        await using var scan = node.Services.CreateAsyncScope();
        var scanDb = scan.ServiceProvider.GetRequiredService<NotificationDbContext>();
        var read = await scanDb.DeadlineWatches.Where(w => w.Id == watchId).ToListAsync();
        Assert.Equal(1, await scan.ServiceProvider.GetRequiredService<ReminderWriter>().SendDueAsync(read, new DateOnly(2026, 10, 10), CancellationToken.None));
        await using (var extension = node.Services.CreateAsyncScope())
        {
            await extension.ServiceProvider.GetRequiredService<DeadlineWatches>()
                .MoveAsync(WatchSources.Assignment, assignment, new DateOnly(2026, 10, 16), CancellationToken.None);
            await extension.ServiceProvider.GetRequiredService<NotificationDbContext>().SaveChangesAsync();
        }

        // The scan's write would put the old deadline's "nothing left" over the new schedule.
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => scanDb.SaveChangesAsync());
        var moved = await node.QueryAsync(db => db.DeadlineWatches.AsNoTracking().SingleAsync(w => w.Id == watchId));
        Assert.Equal(new DateOnly(2026, 10, 13), moved.NextReminderOn);

        node.SetToday(2026, 10, 13);
        await node.ScanRemindersAsync();
        Assert.Equal(["before_3:2026-10-13"], await SentAsync(watchId));
    }

    /// <summary>The reminders sent for one watch, oldest first: other tests' watches share the node.</summary>
    private async Task<string[]> SentAsync(Guid watchId) =>
        (await node.QueryAsync(db => db.SentReminders.Where(r => r.WatchId == watchId).OrderBy(r => r.DueOn).ToListAsync()))
        .Select(r => $"{r.Kind}:{r.DueOn:yyyy-MM-dd}").ToArray();

    private async Task<Guid> AssignAsync(Guid unit, string unitName, string title, DateOnly deadline)
    {
        var assignment = Guid.CreateVersion7();
        var messageId = Guid.NewGuid();
        await node.PublishAsync(new TaskAssigned(
            assignment, Guid.CreateVersion7(), "2026年法治政府建设工作要点", Guid.CreateVersion7(), 7, title, deadline, unit, unitName,
            "clerk", DateTimeOffset.UtcNow, "func-test"), messageId);
        await node.WaitConsumedAsync(messageId);
        return assignment;
    }
}
