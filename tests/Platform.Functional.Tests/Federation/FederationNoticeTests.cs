using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Federation;
using Platform.Contracts.Notification.V1;
using Platform.Notification.Module.Infrastructure;

namespace Platform.Functional.Tests.Federation;

/// <summary>Speaks notification to a node as its office or a unit would, and reads its notification store.</summary>
public static class NoticeFlow
{
    public static NotificationService.NotificationServiceClient Notification(this FederationNode node) => new(node.KestrelChannel());

    public static async Task<T> InNotificationStoreAsync<T>(this FederationNode node, Func<NotificationDbContext, Task<T>> read)
    {
        await using var scope = node.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<NotificationDbContext>());
    }

    /// <summary>The unit's liaison in the node's contact directory, so the unit's name travels up with its receipts.</summary>
    public static Task AddLiaisonAsync(this FederationNode node, Guid unitId, string unitName) =>
        node.Notification().UpsertContactAsync(new UpsertContactRequest
        {
            UnitId = unitId.ToString(), UnitName = unitName, Role = "liaison", UserId = "liaison", Name = "联络员",
        }, node.Office()).ResponseAsync;

    /// <summary>What the caller finds in their inbox about the notice (its subject is the sender's notice id).</summary>
    public static async Task<List<InboxMessage>> MyInboxAsync(this FederationNode node, Metadata caller, string noticeId) =>
        [.. (await node.Notification().ListMyInboxAsync(new ListMyInboxRequest(), caller)).Messages.Where(m => m.SubjectId == noticeId)];

    public static Task<InboxMessage> WaitInboxAsync(this FederationNode node, Metadata caller, string noticeId) =>
        Eventually.GetAsync(async () => (await node.MyInboxAsync(caller, noticeId)).SingleOrDefault(), FederationFlow.Timeout, $"notice {noticeId} in the inbox");

    public static Task<SentNoticeRecipient> WaitRecipientAsync(this FederationNode sender, string noticeId, Func<SentNoticeRecipient, bool> condition) =>
        Eventually.GetAsync(async () =>
            (await sender.Notification().GetSentNoticeAsync(new GetSentNoticeRequest { NoticeId = noticeId }, sender.Office())).Recipients.SingleOrDefault(condition),
            FederationFlow.Timeout, $"a receipt of notice {noticeId}");

    /// <summary>Points the link at another address (a dead port to make the peer unreachable); returns the one it had.</summary>
    public static Task<string> SetPeerAddressAsync(this FederationNode node, Guid linkId, string address) => node.InStoreAsync(async db =>
    {
        var link = await db.Links.SingleAsync(l => l.Id == linkId);
        var previous = link.PeerAddress!;
        link.PeerAddress = address;
        await db.SaveChangesAsync();
        return previous;
    });
}

/// <summary>A province sends bulletins, urging notices and letters to a city's units or its office; receipts come back up (ADR 0022).</summary>
public sealed class FederationNoticeTests : IDisposable
{
    private readonly FederationNode _province = new("js-province", "Province", "320000");
    private readonly FederationNode _city = new("nt-city", "City", "320600");

    public FederationNoticeTests()
    {
        _province.StartServer();
        _city.StartServer();
    }

    [Fact]
    public async Task A_letter_to_a_city_unit_reaches_its_inbox_only_and_its_delivery_and_first_read_come_back_to_the_province()
    {
        await FederationFlow.JoinAsync(_province, _city, "320600");
        // A unit of the city's own (planning's), with no contact entry: its name comes from planning's unit.
        var unit = Guid.Parse((await _city.Planning().CreateUnitAsync(new Platform.Contracts.Planning.V1.CreateUnitRequest
        {
            Name = "南通市司法局", ShortName = "市司法局", Kind = "department", RegionCode = "320600",
        }, _city.Office())).Id);
        var other = Guid.NewGuid();
        await FederationFlow.Until(() => _city.InNotificationStoreAsync(db => db.Units.AnyAsync(u => u.Id == unit)), "the city's notification to know its unit");

        // Only the office sends down; an observer or a unit's liaison is refused.
        var request = new SendNoticeDownRequest
        {
            Kind = "letter", Title = "关于报送行政执法统计数据的函", Body = "请于12月10日前报送本年度行政执法统计数据。",
            RegionCodes = { "320600" }, UnitIds = { unit.ToString() }, Audience = "liaison",
        };
        foreach (var caller in new[] { SliceScenario.Bearer(_province.Tokens.Observer()), _province.Liaison(unit.ToString()) })
        {
            var refused = await Assert.ThrowsAsync<RpcException>(async () => await _province.Notification().SendNoticeDownAsync(request, caller));
            Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        }
        var sent = await _province.Notification().SendNoticeDownAsync(request, _province.Office());
        var pending = Assert.Single(sent.Recipients);
        Assert.Equal(("320600", unit.ToString(), "pending", "liaison"), (pending.RegionCode, pending.UnitId, pending.State, sent.Audience));

        // The city's unit finds it as its own inbox message; another unit's liaison and the city's office inbox do not.
        var liaison = _city.Liaison(unit.ToString());
        var message = await _city.WaitInboxAsync(liaison, sent.Id);
        Assert.Equal(("letter_from_above", "函：关于报送行政执法统计数据的函", unit.ToString(), "liaison", false), (message.Kind, message.Title, message.UnitId, message.Audience, message.Read));
        Assert.Contains("请于12月10日前报送", message.Body, StringComparison.Ordinal);
        var otherLiaison = _city.Liaison(other.ToString());
        Assert.Empty(await _city.MyInboxAsync(otherLiaison, sent.Id));
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(async () =>
            await _city.Notification().GetInboxMessageAsync(new GetInboxMessageRequest { MessageId = message.Id }, otherLiaison))).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(async () =>
            await _city.Notification().MarkInboxMessageReadAsync(new MarkInboxMessageReadRequest { MessageId = message.Id }, otherLiaison))).StatusCode);
        Assert.Empty(await _city.MyInboxAsync(_city.Office(), sent.Id));

        // Delivered at the province, with the unit's name as the city's planning gives it; then read, once, at the first reader's time.
        var delivered = await _province.WaitRecipientAsync(sent.Id, r => r.State == "delivered");
        Assert.Equal(("nt-city", "南通市司法局", ""), (delivered.NodeId, delivered.UnitName, delivered.ReadAt));
        var receipt = await _city.Notification().MarkInboxMessageReadAsync(new MarkInboxMessageReadRequest { MessageId = message.Id }, liaison);
        var read = await _province.WaitRecipientAsync(sent.Id, r => r.State == "read");
        Assert.Equal("南通市司法局", read.UnitName);
        Assert.True((DateTimeOffset.Parse(read.ReadAt) - DateTimeOffset.Parse(receipt.ReadAt)).Duration() < TimeSpan.FromMilliseconds(1), $"{read.ReadAt} is the first read, {receipt.ReadAt}");
        await _city.Notification().MarkInboxMessageReadAsync(new MarkInboxMessageReadRequest { MessageId = message.Id }, liaison);
        await _city.Notification().MarkInboxMessageReadAsync(new MarkInboxMessageReadRequest { MessageId = message.Id }, SliceScenario.Bearer(_city.Tokens.Liaison(unit, "liaison-2")));
        // One delivered and one read receipt went up, however often the message was read.
        var linkId = await _city.InStoreAsync(db => db.Links.Where(l => l.Role == LinkRole.Parent).Select(l => l.Id).SingleAsync());
        Assert.Equal(2, await _city.InStoreAsync(db => db.LinkOutbox.CountAsync(m => m.LinkId == linkId && m.WireName == FederationNoticeFlows.NoticeReceipt)));
        Assert.Equal(read.ReadAt, (await _province.Notification().ListSentNoticesAsync(new(), _province.Office())).Notices.Single().Recipients.Single().ReadAt);
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(async () =>
            await _province.Notification().GetSentNoticeAsync(new GetSentNoticeRequest { NoticeId = sent.Id }, SliceScenario.Bearer(_province.Tokens.Observer())))).StatusCode);
    }

    [Fact]
    public async Task A_bulletin_naming_no_unit_goes_to_the_city_office_and_a_second_copy_on_the_link_adds_nothing()
    {
        await FederationFlow.JoinAsync(_province, _city, "320600");
        var sent = await _province.Notification().SendNoticeDownAsync(new SendNoticeDownRequest
        {
            Kind = "bulletin", Title = "关于全省法治督察工作情况的通报", Body = "现将全省法治督察工作开展情况通报如下。", RegionCodes = { "320600" },
        }, _province.Office());
        Assert.Equal(("office", ""), (sent.Audience, Assert.Single(sent.Recipients).UnitId));

        var message = await _city.WaitInboxAsync(_city.Office(), sent.Id);
        Assert.Equal(("bulletin_from_above", "office", ""), (message.Kind, message.Audience, message.UnitId));
        Assert.Empty(await _city.MyInboxAsync(_city.Liaison(Guid.NewGuid().ToString()), sent.Id));

        // The same notice crosses the link again under another message id (an operator's replay, a resend): one inbox message still.
        var linkId = await _province.InStoreAsync(db => db.Links.Where(l => l.PeerNodeId == "nt-city").Select(l => l.Id).SingleAsync());
        var copyId = Guid.NewGuid();
        await _province.InStoreAsync(async db =>
        {
            var original = await db.LinkOutbox.SingleAsync(m => m.LinkId == linkId && m.WireName == FederationNoticeFlows.Notice);
            await LinkOutbox.EnqueueAsync(db, linkId, copyId, original.WireName, original.Payload, original.OccurredAt, CancellationToken.None);
            return await db.SaveChangesAsync();
        });
        await FederationFlow.Until(() => _city.InNotificationStoreAsync(
            async db => await db.ProcessedMessages.CountAsync(p => p.Consumer == "notification.notice_received_consumer.v1") == 2),
            "the second copy to reach the city's notification service");
        Assert.Single(await _city.MyInboxAsync(_city.Office(), sent.Id));
        Assert.Equal(1, await _city.InNotificationStoreAsync(db => db.ReceivedNotices.CountAsync()));

        var office = await _province.WaitRecipientAsync(sent.Id, r => r.State == "delivered");
        await _city.Notification().MarkInboxMessageReadAsync(new MarkInboxMessageReadRequest { MessageId = message.Id }, _city.Office());
        var read = await _province.WaitRecipientAsync(sent.Id, r => r.State == "read");
        Assert.Equal(("nt-city", "", office.DeliveredAt), (read.NodeId, read.UnitId, read.DeliveredAt));
    }

    [Fact]
    public async Task A_receipt_is_kept_only_for_a_notice_this_node_sent_to_that_region_and_unit()
    {
        await FederationFlow.JoinAsync(_province, _city, "320600");
        var unit = Guid.NewGuid();
        await _city.AddLiaisonAsync(unit, "南通市司法局");
        var sent = await _province.Notification().SendNoticeDownAsync(new SendNoticeDownRequest
        {
            Kind = "letter", Title = "关于报送统计数据的函", Body = "请报送。", RegionCodes = { "320600" }, UnitIds = { unit.ToString() },
        }, _province.Office());
        await _province.WaitRecipientAsync(sent.Id, r => r.State == "delivered");

        // Receipts as a child's link would raise them: from another city's region, for a unit the notice did not name, for
        // a notice this node never sent. None of them is kept.
        var noticeId = Guid.Parse(sent.Id);
        var now = DateTimeOffset.UtcNow;
        Platform.Contracts.Events.Federation.NoticeReceiptReceived Receipt(string via, string region, Guid notice, Guid? addressee) =>
            new(via, region, notice, "read", [new(addressee, "伪造")], now, now, "js-province") { ViaNodeId = via };
        await _province.InStoreAsync(async db =>
        {
            db.AddIntegrationEvent(Receipt("evil-sz", "320505", noticeId, unit));
            db.AddIntegrationEvent(Receipt("nt-city", "320600", noticeId, Guid.NewGuid()));
            db.AddIntegrationEvent(Receipt("nt-city", "320600", Guid.NewGuid(), unit));
            return await db.SaveChangesAsync();
        });
        await FederationFlow.Until(async () => await _province.InNotificationStoreAsync(db =>
            db.ProcessedMessages.CountAsync(p => p.Consumer == "notification.notice_receipt_received_consumer.v1")) == 4, "the three made-up receipts to be taken");

        var recipient = Assert.Single((await _province.Notification().GetSentNoticeAsync(new() { NoticeId = sent.Id }, _province.Office())).Recipients);
        Assert.Equal(("320600", unit.ToString(), "delivered", "南通市司法局"), (recipient.RegionCode, recipient.UnitId, recipient.State, recipient.UnitName));
    }

    [Fact]
    public async Task A_notice_to_a_unit_the_node_below_does_not_have_goes_to_its_office_and_the_sender_sees_unknown_unit()
    {
        await FederationFlow.JoinAsync(_province, _city, "320600");
        var (unit, stranger) = (Guid.NewGuid(), Guid.NewGuid());
        await _city.AddLiaisonAsync(unit, "南通市司法局");
        var sent = await _province.Notification().SendNoticeDownAsync(new SendNoticeDownRequest
        {
            Kind = "letter", Title = "关于报送统计数据的函", Body = "请报送。", RegionCodes = { "320600" }, UnitIds = { unit.ToString(), stranger.ToString() },
        }, _province.Office());

        // The city's unit gets it; the unit it does not have cannot, so its office does.
        await _city.WaitInboxAsync(_city.Liaison(unit.ToString()), sent.Id);
        var atOffice = await _city.WaitInboxAsync(_city.Office(), sent.Id);
        Assert.Equal(("letter_from_above", "office"), (atOffice.Kind, atOffice.Audience));
        Assert.Empty(await _city.MyInboxAsync(_city.Liaison(stranger.ToString()), sent.Id));

        // The province sees the unit delivered, the stranger unknown_unit (never delivered), and the city's office delivered.
        await _province.WaitRecipientAsync(sent.Id, r => r.UnitId == stranger.ToString() && r.State == "unknown_unit");
        var recipients = (await _province.Notification().GetSentNoticeAsync(new() { NoticeId = sent.Id }, _province.Office())).Recipients
            .OrderBy(r => r.UnitName, StringComparer.Ordinal).Select(r => (r.UnitId, r.State, r.NodeId, r.DeliveredAt.Length > 0)).ToList();
        Assert.Equal(3, recipients.Count);
        Assert.Contains((unit.ToString(), "delivered", "nt-city", true), recipients);
        Assert.Contains((stranger.ToString(), "unknown_unit", "nt-city", false), recipients);
        Assert.Contains(("", "delivered", "nt-city", true), recipients);
    }

    [Fact]
    public async Task An_urging_notice_sent_while_the_city_is_unreachable_waits_in_the_backlog_and_arrives_once_when_it_returns()
    {
        await FederationFlow.JoinAsync(_province, _city, "320600");
        var unit = Guid.NewGuid();
        await _city.AddLiaisonAsync(unit, "南通市行政复议局");
        var linkId = await _province.InStoreAsync(db => db.Links.Where(l => l.PeerNodeId == "nt-city").Select(l => l.Id).SingleAsync());
        var address = await _province.SetPeerAddressAsync(linkId, "https://127.0.0.1:9");
        var sent = await _province.Notification().SendNoticeDownAsync(new SendNoticeDownRequest
        {
            Kind = "urge", Title = "关于加快推进行政复议案件办理的催办通知", Body = "请于5个工作日内报送办理进展。",
            RegionCodes = { "320600" }, UnitIds = { unit.ToString() },
        }, _province.Office());
        await FederationFlow.Until(() => _province.InStoreAsync(db =>
            db.LinkOutbox.AnyAsync(m => m.LinkId == linkId && m.WireName == FederationNoticeFlows.Notice && m.DeliveredAt == null && m.Attempts > 0)),
            "the notice to wait in the backlog");
        Assert.Equal("pending", (await _province.Notification().GetSentNoticeAsync(new() { NoticeId = sent.Id }, _province.Office())).Recipients.Single().State);

        await _province.SetPeerAddressAsync(linkId, address);
        var message = await _city.WaitInboxAsync(_city.Liaison(unit.ToString()), sent.Id);
        Assert.Equal(("urge_from_above", true, "all"), (message.Kind, message.Urgent, message.Audience));
        await _province.WaitRecipientAsync(sent.Id, r => r.State == "delivered" && r.NodeId == "nt-city");
        Assert.Equal(1, await _province.InStoreAsync(db => db.LinkOutbox.CountAsync(m => m.LinkId == linkId && m.WireName == FederationNoticeFlows.Notice)));
    }

    [Fact]
    public async Task A_province_mission_naming_the_city_reaches_the_city_office_which_forwards_it_and_no_finding_crosses()
    {
        await FederationFlow.JoinAsync(_province, _city, "320600");
        var inspection = new Platform.Contracts.Inspection.V1.InspectionService.InspectionServiceClient(_province.KestrelChannel());
        var office = _province.Office();
        var target = Guid.NewGuid();
        var mission = await inspection.CreateMissionAsync(new Platform.Contracts.Inspection.V1.CreateMissionRequest
        {
            Title = "2026年南通市法治政府建设专项督察", Kind = "special_topic", Year = 2026, PlanEntry = "2026年度督察计划第5项",
            FocusItems = { "行政执法三项制度落实情况" }, Methods = { "file_checks" }, StartsOn = "2026-05-11", EndsOn = "2026-05-29",
            Targets = { new Platform.Contracts.Inspection.V1.MissionTarget { UnitId = target.ToString(), UnitName = "南通市人民政府", RegionCode = "320600" } },
        }, office);
        var inspector = await inspection.RegisterInspectorAsync(new Platform.Contracts.Inspection.V1.RegisterInspectorRequest
        {
            Name = "张督察", UserId = "insp-zhang", Expertise = { "enforcement" },
        }, office);
        await inspection.FormTeamAsync(new() { MissionId = mission.Id, InspectorIds = { inspector.Id }, LeaderInspectorId = inspector.Id }, office);
        await inspection.TransitionMissionAsync(new() { MissionId = mission.Id, ToState = "notified" }, office);

        // Notifying the mission sends its 督察通知 for the city's region down; the city's office finds it in its own
        // inbox, its units do not, until the office passes it on.
        var sent = await Eventually.GetAsync(async () => (await _province.Notification().ListSentNoticesAsync(new(), office)).Notices.SingleOrDefault(),
            FederationFlow.Timeout, "the mission's notice sent down");
        Assert.Equal(("mission", "320600", "office"), (sent.Kind, sent.Recipients.Single().RegionCode, sent.Audience));
        var received = await _city.WaitInboxAsync(_city.Office(), sent.Id);
        Assert.Equal(("mission_from_above", "office"), (received.Kind, received.Audience));
        Assert.StartsWith("督察通知：关于开展2026年南通市法治政府建设专项督察的通知", received.Title, StringComparison.Ordinal);
        Assert.Contains("行政执法三项制度落实情况", received.Body, StringComparison.Ordinal);
        var (unit, other) = (Guid.NewGuid(), Guid.NewGuid());
        Assert.Empty(await _city.MyInboxAsync(_city.Liaison(unit.ToString()), sent.Id));
        var notOffice = await Assert.ThrowsAsync<RpcException>(async () => await _city.Notification().ForwardNoticeAsync(
            new ForwardNoticeRequest { MessageId = received.Id, UnitIds = { unit.ToString() } }, _city.Liaison(unit.ToString())));
        Assert.Equal(StatusCode.PermissionDenied, notOffice.StatusCode);
        var forwarded = await _city.Notification().ForwardNoticeAsync(new ForwardNoticeRequest { MessageId = received.Id, UnitIds = { unit.ToString() } }, _city.Office());
        Assert.Equal(1, forwarded.Deliveries);
        var atUnit = await _city.WaitInboxAsync(_city.Liaison(unit.ToString()), sent.Id);
        Assert.Equal((received.Title, "all"), (atUnit.Title, atUnit.Audience));
        Assert.Empty(await _city.MyInboxAsync(_city.Liaison(other.ToString()), sent.Id));
        var again = await Assert.ThrowsAsync<RpcException>(async () => await _city.Notification().ForwardNoticeAsync(
            new ForwardNoticeRequest { MessageId = atUnit.Id, UnitIds = { other.ToString() } }, _city.Office()));
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);

        // The mission's finding and its feedback stay at the province: nothing of them crosses the link.
        const string secret = "南通市行政处罚案卷未载明听证告知（督察发现）";
        var inspectorToken = SliceScenario.Bearer(_province.Tokens.Issue("insp-zhang", null, Platform.BuildingBlocks.Auth.PlatformRoles.Inspector));
        await inspection.TransitionMissionAsync(new() { MissionId = mission.Id, ToState = "in_progress" }, office);
        await inspection.RecordFindingAsync(new Platform.Contracts.Inspection.V1.RecordFindingRequest
        {
            MissionId = mission.Id, ResponsibleUnitId = target.ToString(), Title = secret, Description = secret + "，涉及线索另行移送。",
            Location = "市司法局", Category = "行政执法", Severity = "serious",
        }, inspectorToken);
        await inspection.TransitionMissionAsync(new() { MissionId = mission.Id, ToState = "reporting" }, office);
        await inspection.GiveFeedbackAsync(new() { MissionId = mission.Id, UnitId = target.ToString(), Note = "请于30日内报送整改方案" }, office);
        await Eventually.GetAsync(async () => (await _province.Notification().ListInboxAsync(new ListInboxRequest { UnitId = target.ToString() }, office))
            .Messages.FirstOrDefault(m => m.Kind == "inspection_feedback"), FederationFlow.Timeout, "the feedback at the province");
        // A bulletin after it: the link is ordered, so once it is at the city anything sent before it is too.
        var marker = await _province.Notification().SendNoticeDownAsync(new SendNoticeDownRequest
        {
            Kind = "bulletin", Title = "督察工作进展情况通报", Body = "督察组已完成现场督察。", RegionCodes = { "320600" },
        }, office);
        await _city.WaitInboxAsync(_city.Office(), marker.Id);
        // Payloads are JSON with escaped Chinese: read them as text.
        var crossed = (await _city.InStoreAsync(db => db.LinkInbox.OrderBy(m => m.Sequence).Select(m => m.Payload).ToListAsync()))
            .Select(System.Text.RegularExpressions.Regex.Unescape).ToList();
        Assert.Equal(2, crossed.Count);
        Assert.Contains("行政执法三项制度落实情况", crossed[0], StringComparison.Ordinal);
        Assert.Contains("督察组已完成现场督察", crossed[1], StringComparison.Ordinal);
        Assert.DoesNotContain(crossed, p => p.Contains(secret, StringComparison.Ordinal) || p.Contains("请于30日内报送整改方案", StringComparison.Ordinal));
        Assert.Equal(0, await _city.InNotificationStoreAsync(db => db.InboxMessages.CountAsync(m => m.Body.Contains(secret) || m.Title.Contains(secret))));
    }

    [Fact]
    public async Task A_node_sends_down_only_to_a_region_a_child_link_leads_to_and_a_mission_without_one_sends_nothing()
    {
        // No child yet: the mission's 督察通知 reaches its target here, and nothing is sent down to stay pending.
        var (_, target) = await FederationRectificationTests.NotifiedMissionAndTargetAsync(_province, "南通市人民政府", "320600");
        var office = _province.Office();
        await Eventually.GetAsync(async () => (await _province.Notification().ListInboxAsync(new ListInboxRequest { UnitId = target.ToString() }, office))
            .Messages.FirstOrDefault(m => m.Kind == "mission_notice"), FederationFlow.Timeout, "the mission notice at the province");
        Assert.Empty((await _province.Notification().ListSentNoticesAsync(new(), office)).Notices);
        var bulletin = new SendNoticeDownRequest { Kind = "bulletin", Title = "督察工作进展情况通报", Body = "正文", RegionCodes = { "320600" } };
        var noChild = await Assert.ThrowsAsync<RpcException>(async () => await _province.Notification().SendNoticeDownAsync(bulletin, office));
        Assert.Equal(StatusCode.FailedPrecondition, noChild.StatusCode);
        Assert.Contains("region_codes", noChild.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("320600", noChild.Status.Detail, StringComparison.Ordinal);

        // With the city joined, a notice for it (or one of its counties) goes; another city's region still has no link.
        await FederationFlow.JoinAsync(_province, _city, "320600");
        await _province.Notification().SendNoticeDownAsync(bulletin, office);
        await _province.Notification().SendNoticeDownAsync(new SendNoticeDownRequest(bulletin) { RegionCodes = { "320684" } }, office);
        var otherCity = await Assert.ThrowsAsync<RpcException>(async () => await _province.Notification().SendNoticeDownAsync(
            new SendNoticeDownRequest(bulletin) { RegionCodes = { "320500" } }, office));
        Assert.Equal(StatusCode.FailedPrecondition, otherCity.StatusCode);

        // Once the link is revoked (the edge announces it to notification), the city's region is refused, naming the link.
        var link = (await _province.Links().ListLinksAsync(new(), _province.Operator)).Links.Single(l => l.PeerNodeId == "nt-city");
        await _province.Links().RevokeLinkAsync(new() { LinkId = link.LinkId }, _province.Operator);
        await FederationFlow.Until(() => _province.InNotificationStoreAsync(db => db.ChildNodes.AnyAsync(c => c.NodeId == "nt-city" && c.State == "revoked")),
            "notification to hear of the revocation");
        var revoked = await Assert.ThrowsAsync<RpcException>(async () => await _province.Notification().SendNoticeDownAsync(bulletin, office));
        Assert.Equal(StatusCode.FailedPrecondition, revoked.StatusCode);
        Assert.Contains("nt-city", revoked.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sending_down_names_each_bad_field()
    {
        var bad = await Assert.ThrowsAsync<RpcException>(async () => await _province.Notification().SendNoticeDownAsync(new SendNoticeDownRequest
        {
            Kind = "memo", Title = "", Body = "", RegionCodes = { "330100", "3206" }, UnitIds = { "not-an-id" }, Audience = "everyone",
        }, _province.Office()));
        SliceScenario.AssertBadRequest(bad, "kind", "title", "body", "region_codes", "region_codes", "unit_ids", "audience");
        var noRegion = await Assert.ThrowsAsync<RpcException>(async () => await _province.Notification().SendNoticeDownAsync(new SendNoticeDownRequest
        {
            Kind = "bulletin", Title = "通报", Body = "正文", Audience = "liaison",
        }, _province.Office()));
        SliceScenario.AssertBadRequest(noRegion, "region_codes", "audience");
        // A county has no nodes below it.
        await using var county = new FederationNode("hm-county", "County", "320684");
        county.StartServer();
        var leaf = await Assert.ThrowsAsync<RpcException>(async () => await county.Notification().SendNoticeDownAsync(new SendNoticeDownRequest
        {
            Kind = "bulletin", Title = "通报", Body = "正文", RegionCodes = { "320684" },
        }, county.Office()));
        SliceScenario.AssertBadRequest(leaf, "region_codes");
        var missing = await Assert.ThrowsAsync<RpcException>(async () => await _province.Notification().GetSentNoticeAsync(
            new GetSentNoticeRequest { NoticeId = "x" }, _province.Office()));
        SliceScenario.AssertBadRequest(missing, "notice_id");
    }

    public void Dispose()
    {
        _city.Dispose();
        _province.Dispose();
    }
}

/// <summary>A province's letter to a county unit is relayed by the city; the county's receipts come back through it.</summary>
public sealed class ThreeLevelNoticeTests : IDisposable
{
    private readonly FederationNode _province = new("js-province", "Province", "320000");
    private readonly FederationNode _city = new("nt-city", "City", "320600");
    private readonly FederationNode _county = new("hm-county", "County", "320684");

    public ThreeLevelNoticeTests()
    {
        _province.StartServer();
        _city.StartServer();
        _county.StartServer();
    }

    [Fact]
    public async Task A_province_letter_to_a_county_unit_is_relayed_by_the_city_and_its_read_receipt_comes_back_to_the_province()
    {
        await FederationFlow.JoinAsync(_province, _city, "320600");
        await FederationFlow.JoinAsync(_city, _county, "320684");
        var unit = Guid.NewGuid();
        await _county.AddLiaisonAsync(unit, "海门区司法局");
        var sent = await _province.Notification().SendNoticeDownAsync(new SendNoticeDownRequest
        {
            Kind = "letter", Title = "关于开展行政执法案卷评查的函", Body = "请组织开展本地区行政执法案卷评查。",
            RegionCodes = { "320684" }, UnitIds = { unit.ToString() },
        }, _province.Office());

        var liaison = _county.Liaison(unit.ToString());
        var message = await _county.WaitInboxAsync(liaison, sent.Id);
        await _county.Notification().MarkInboxMessageReadAsync(new MarkInboxMessageReadRequest { MessageId = message.Id }, liaison);
        var read = await _province.WaitRecipientAsync(sent.Id, r => r.State == "read");
        Assert.Equal(("320684", "hm-county", "海门区司法局"), (read.RegionCode, read.NodeId, read.UnitName));
        // The city only carried it: nothing in its inboxes, nothing it sent itself.
        Assert.Empty(await _city.MyInboxAsync(_city.Office(), sent.Id));
        Assert.Equal(0, await _city.InNotificationStoreAsync(db => db.ReceivedNotices.CountAsync()));
        Assert.Empty((await _city.Notification().ListSentNoticesAsync(new(), _city.Office())).Notices);
    }

    public void Dispose()
    {
        _county.Dispose();
        _city.Dispose();
        _province.Dispose();
    }
}
