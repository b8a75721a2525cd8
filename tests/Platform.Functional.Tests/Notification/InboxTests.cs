using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Events.Inspection;
using Platform.Contracts.Events.Planning;
using Platform.Contracts.Notification.V1;

namespace Platform.Functional.Tests.Notification;

/// <summary>Inboxes with read receipts, preferences and quiet hours, bulletin fan-out, confidential feedback.</summary>
[Collection(NotificationNodeCollection.Name)]
public sealed class InboxTests(NotificationNode node)
{
    [Fact]
    public async Task Reading_leaves_a_receipt_of_who_read_when_and_reading_twice_keeps_the_first()
    {
        node.SetChinaTime(2026, 11, 16, 10, 30);
        var unit = Guid.CreateVersion7();
        await AssignAsync(unit, "南通市住房和城乡建设局", "推行柔性执法");
        await node.DispatchAsync();
        var liaison = node.LiaisonOf(unit, "zj-liaison");
        var message = Assert.Single((await node.Notification.ListInboxAsync(new ListInboxRequest { UnitId = unit.ToString(), UnreadOnly = true }, liaison)).Messages);
        Assert.False(message.Read);

        var receipt = await node.Notification.MarkInboxMessageReadAsync(new MarkInboxMessageReadRequest { MessageId = message.Id }, liaison);
        Assert.Equal("zj-liaison", receipt.UserId);
        Assert.Equal("2026-11-16T02:30:00.000Z", receipt.ReadAt);
        node.Clock.Advance(TimeSpan.FromHours(2));
        var again = await node.Notification.MarkInboxMessageReadAsync(new MarkInboxMessageReadRequest { MessageId = message.Id }, liaison);
        Assert.Equal(receipt.ReadAt, again.ReadAt);
        await node.Notification.MarkInboxMessageReadAsync(new MarkInboxMessageReadRequest { MessageId = message.Id }, node.LeaderOf(unit, "zj-leader"));

        Assert.Empty((await node.Notification.ListInboxAsync(new ListInboxRequest { UnitId = unit.ToString(), UnreadOnly = true }, liaison)).Messages);
        var read = Assert.Single((await node.Notification.ListInboxAsync(new ListInboxRequest { UnitId = unit.ToString() }, liaison)).Messages);
        Assert.True(read.Read);
        var receipts = await node.Notification.ListReadReceiptsAsync(new ListReadReceiptsRequest { MessageId = message.Id }, node.Clerk);
        Assert.Equal(["zj-liaison", "zj-leader"], receipts.Receipts.Select(r => r.UserId).ToArray());
        Assert.Equal("2026-11-16T04:30:00.000Z", receipts.Receipts[1].ReadAt);

        var full = await node.Notification.GetInboxMessageAsync(new GetInboxMessageRequest { MessageId = message.Id }, liaison);
        Assert.Contains("推行柔性执法", full.Html, StringComparison.Ordinal);
        Assert.True(full.Read);

        // Another unit's liaison neither lists nor reads it.
        var stranger = node.LiaisonOf(Guid.CreateVersion7());
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() =>
            node.Notification.MarkInboxMessageReadAsync(new MarkInboxMessageReadRequest { MessageId = message.Id }, stranger).ResponseAsync)).StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(() =>
            node.Notification.ListInboxAsync(new ListInboxRequest { UnitId = unit.ToString() }, stranger).ResponseAsync)).StatusCode);
        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() =>
            node.Notification.ListInboxAsync(new ListInboxRequest { UnitId = "x", PageSize = 9999, Kind = "gossip" }, liaison).ResponseAsync), "unit_id", "page_size", "kind");
    }

    [Fact]
    public async Task Preferences_choose_channels_per_kind_and_quiet_hours_defer_non_urgent_messages()
    {
        var unit = Guid.CreateVersion7();
        await node.AddContactAsync(unit, "南通市自然资源和规划局", "liaison", "zr-liaison", "liaison@zr.nantong.gov.cn", "13700000003");
        var me = node.LiaisonOf(unit, "zr-liaison");
        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() => node.Notification.UpdateMyPreferencesAsync(new UpdateMyPreferencesRequest
        {
            Channels = { new ChannelPreference { Kind = "task_assigned", Channels = { "pigeon" } } },
            QuietFrom = "25:00",
        }, me).ResponseAsync), "channels[0].channels[0]", "quiet_from");
        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() => node.Notification.UpdateMyPreferencesAsync(
            new UpdateMyPreferencesRequest { QuietFrom = "22:00" }, me).ResponseAsync), "quiet_until");

        var saved = await node.Notification.UpdateMyPreferencesAsync(new UpdateMyPreferencesRequest
        {
            // Task notices by e-mail only (no SMS); everything else by e-mail and SMS.
            Channels = { new ChannelPreference { Kind = "task_assigned", Channels = { "email" } }, new ChannelPreference { Kind = "*", Channels = { "email", "sms" } } },
            QuietFrom = "22:00",
            QuietUntil = "07:30",
        }, me);
        Assert.Equal("22:00", saved.QuietFrom);
        Assert.Equal(saved.Channels.Count, (await node.Notification.GetMyPreferencesAsync(new GetMyPreferencesRequest(), me)).Channels.Count);

        // 23:00 China time: within quiet hours, a task notice (not urgent) waits until 07:30.
        node.SetChinaTime(2026, 11, 17, 23, 0);
        await AssignAsync(unit, "南通市自然资源和规划局", "规范土地征收程序");
        var email = await node.QueryAsync(db => db.Deliveries.AsNoTracking().SingleAsync(d => d.UserId == "zr-liaison" && d.Channel == "email"));
        Assert.Equal(new DateTimeOffset(2026, 11, 18, 7, 30, 0, TimeSpan.FromHours(8)), email.NextAttemptAt);
        Assert.False(await node.QueryAsync(db => db.Deliveries.AnyAsync(d => d.UserId == "zr-liaison" && d.Channel == "sms")));
        await node.DispatchAsync();
        Assert.DoesNotContain(node.Smtp.Received, m => m.To.Contains("liaison@zr.nantong.gov.cn"));
        // The inbox is never quiet.
        Assert.Single((await node.Notification.ListInboxAsync(new ListInboxRequest { UnitId = unit.ToString() }, me)).Messages);

        node.SetChinaTime(2026, 11, 18, 7, 31);
        await node.DispatchAsync();
        Assert.Single(node.Smtp.Received, m => m.To.Contains("liaison@zr.nantong.gov.cn"));
    }

    [Fact]
    public async Task A_bulletin_to_many_units_is_queued_at_once_and_its_progress_is_visible()
    {
        node.SetToday(2026, 11, 19);
        var units = Enumerable.Range(0, 300).Select(_ => Guid.CreateVersion7()).ToList();
        var request = new SendBulletinRequest
        {
            Kind = "situation_bulletin",
            Title = "关于2026年第三季度法治政府建设重点任务推进情况的通报",
            Body = "第三季度，各地各部门认真落实年度工作要点，重点任务总体进展顺利。\n请各单位对照问题清单抓好整改。",
            Audience = "all",
            CopyToOrganisation = true,
        };
        request.UnitIds.AddRange(units.Select(u => u.ToString()));
        var fanOut = await node.Notification.SendBulletinAsync(request, node.Clerk);
        Assert.Equal(300, fanOut.Total);
        Assert.Equal(300, fanOut.Pending);
        Assert.Equal(0, fanOut.Sent);

        await node.Services.GetRequiredService<Platform.Notification.Module.Features.Delivery.DeliveryDispatcher>().DispatchOnceAsync(CancellationToken.None);
        var progress = await node.Notification.GetFanOutProgressAsync(new GetFanOutProgressRequest { FanOutId = fanOut.Id }, node.Clerk);
        Assert.Equal(300, progress.Sent + progress.Pending);
        Assert.True(progress.Sent > 0);
        await node.DispatchAsync();
        progress = await node.Notification.GetFanOutProgressAsync(new GetFanOutProgressRequest { FanOutId = fanOut.Id }, node.Clerk);
        Assert.Equal((300, 0, 0), (progress.Sent, progress.Pending, progress.Dead));

        var inbox = await node.Notification.ListInboxAsync(new ListInboxRequest { UnitId = units[123].ToString() }, node.LeaderOf(units[123]));
        var message = Assert.Single(inbox.Messages);
        Assert.Equal(fanOut.DocumentId, message.DocumentId);
        var document = await node.Notification.GetDocumentAsync(new GetDocumentRequest { DocumentId = fanOut.DocumentId }, node.Clerk);
        Assert.Equal("各有关单位", document.Addressee);
        Assert.Equal("市委组织部", document.CopyTo);
        Assert.Matches(@"^通法督通〔2026〕\d+号$", document.Number);

        // A recipient unit downloads what it received (the bulletin names no one unit); a unit it did not reach sees nothing.
        var file = await node.Notification.GetDocumentFileAsync(new GetDocumentFileRequest { DocumentId = fanOut.DocumentId }, node.LeaderOf(units[123]));
        Assert.EndsWith(".docx", file.FileName, StringComparison.Ordinal);
        Assert.Equal(document.Number, (await node.Notification.GetDocumentAsync(new GetDocumentRequest { DocumentId = fanOut.DocumentId }, node.LiaisonOf(units[7]))).Number);
        using (var rest = node.CreateClient())
        {
            rest.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", node.Tokens.Liaison(units[42]));
            var docx = await rest.GetAsync($"/api/notification/v1/documents/{fanOut.DocumentId}/docx");
            Assert.Equal(System.Net.HttpStatusCode.OK, docx.StatusCode);
            Assert.Equal("PK"u8.ToArray(), (await docx.Content.ReadAsByteArrayAsync())[..2]);
        }
        var outsider = node.LiaisonOf(Guid.CreateVersion7());
        await NotFoundShape.AssertGrpcHidesAsync(
            id => node.Notification.GetDocumentFileAsync(new GetDocumentFileRequest { DocumentId = id }, outsider).ResponseAsync, fanOut.DocumentId);

        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() => node.Notification.SendBulletinAsync(
            new SendBulletinRequest { Kind = "criticism_bulletin", Title = "", Body = "x" }, node.Clerk).ResponseAsync), "kind", "title", "unit_ids");
    }

    [Fact]
    public async Task Feedback_is_confidential_to_its_unit_and_never_leaves_the_platform()
    {
        node.SetToday(2026, 11, 20);
        var unit = Guid.CreateVersion7();
        var sibling = Guid.CreateVersion7();
        await node.AddContactAsync(unit, "如东县人民政府", "liaison", "rd-liaison", "liaison@rudong.gov.cn", "13600000004");
        var messageId = Guid.NewGuid();
        await node.PublishAsync(new FeedbackGiven(
            Guid.CreateVersion7(), Guid.CreateVersion7(), "2026年综合督察", "comprehensive", unit, "如东县人民政府",
            [new FedBackFinding(Guid.CreateVersion7(), "行政执法公示不全", "执法结果未按期公开", "县城管局", "enforcement", "serious")],
            "clerk", DateTimeOffset.UtcNow, "func-test"), messageId);
        await node.WaitConsumedAsync(messageId);
        await node.DispatchAsync();

        var message = Assert.Single((await node.Notification.ListInboxAsync(new ListInboxRequest { UnitId = unit.ToString() }, node.LiaisonOf(unit, "rd-liaison"))).Messages);
        Assert.Contains("行政执法公示不全（较重）", message.Body, StringComparison.Ordinal);
        var channels = await node.QueryAsync(db => db.Deliveries.Where(d => d.NotificationId == db.InboxMessages.Single(m => m.Id == Guid.Parse(message.Id)).NotificationId).Select(d => d.Channel).ToListAsync());
        Assert.Equal(["inbox"], channels);
        Assert.DoesNotContain(node.Smtp.Received, m => m.To.Contains("liaison@rudong.gov.cn"));
        Assert.Empty((await node.Notification.ListInboxAsync(new ListInboxRequest { UnitId = sibling.ToString() }, node.LiaisonOf(sibling))).Messages);
    }

    [Fact]
    public async Task A_redelivered_event_changes_nothing()
    {
        node.SetToday(2026, 11, 21);
        var unit = Guid.CreateVersion7();
        var assignment = Guid.CreateVersion7();
        var messageId = Guid.NewGuid();
        var assigned = new TaskAssigned(
            assignment, Guid.CreateVersion7(), "2026年法治政府建设工作要点", Guid.CreateVersion7(), 9, "落实合法性审查", new DateOnly(2026, 12, 30),
            unit, "南通市审计局", "clerk", DateTimeOffset.UtcNow, "func-test");
        await node.PublishAsync(assigned, messageId);
        await node.WaitConsumedAsync(messageId);
        await node.PublishAsync(assigned, messageId);
        await node.PublishAsync(assigned, messageId);
        await Task.Delay(500);
        await node.DispatchAsync();
        Assert.Single((await node.Notification.ListInboxAsync(new ListInboxRequest { UnitId = unit.ToString() }, node.LiaisonOf(unit))).Messages);
        Assert.Equal(1, await node.QueryAsync(db => db.DeadlineWatches.CountAsync(w => w.SourceId == assignment)));

        // The same assignment under another message id (a republished event) still keeps one watch.
        var republished = Guid.NewGuid();
        await node.PublishAsync(assigned with { Deadline = new DateOnly(2027, 1, 15) }, republished);
        await node.WaitConsumedAsync(republished);
        var watch = await node.QueryAsync(db => db.DeadlineWatches.AsNoTracking().SingleAsync(w => w.SourceId == assignment));
        Assert.Equal(new DateOnly(2027, 1, 15), watch.Deadline);
    }

    private async Task AssignAsync(Guid unit, string unitName, string title)
    {
        var messageId = Guid.NewGuid();
        await node.PublishAsync(new TaskAssigned(
            Guid.CreateVersion7(), Guid.CreateVersion7(), "2026年法治政府建设工作要点", Guid.CreateVersion7(), 5, title, new DateOnly(2026, 12, 31),
            unit, unitName, "clerk", DateTimeOffset.UtcNow, "func-test"), messageId);
        await node.WaitConsumedAsync(messageId);
    }
}
