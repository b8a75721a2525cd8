using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Inspection.V1;
using Platform.Contracts.Notification.V1;
using Platform.Contracts.Rectification.V1;
using Platform.Rectification.Module.Infrastructure;

namespace Platform.Functional.Tests.Federation;

/// <summary>
/// A province mission finds something in a city (ADR 0022): the city's office opens the rectification item under the
/// mission's notice, and the item's status comes up and is stored at the province; the finding's text stays at the city.
/// </summary>
public sealed class FederationRectificationTests : IDisposable
{
    private readonly FederationNode _province = new("js-province", "Province", "320000");
    private readonly FederationNode _city = new("nt-city", "City", "320600");

    public FederationRectificationTests()
    {
        _province.StartServer();
        _city.StartServer();
    }

    [Fact]
    public async Task An_item_the_city_opens_for_a_province_mission_sends_each_status_up_and_no_finding_text_crosses()
    {
        await FederationFlow.JoinAsync(_province, _city, "320600");
        var missionId = await NotifiedMissionAsync(_province, "南通市人民政府", "320600");
        var sent = await Eventually.GetAsync(async () => (await _province.Notification().ListSentNoticesAsync(new(), _province.Office())).Notices.SingleOrDefault(),
            FederationFlow.Timeout, "the mission's notice sent down");
        var received = await _city.WaitInboxAsync(_city.Office(), sent.Id);
        Assert.Equal("mission_from_above", received.Kind);
        await FederationFlow.Until(() => _city.InRectificationStoreAsync(db => db.MissionsFromAbove.AnyAsync(m => m.MissionId == Guid.Parse(missionId))),
            "the mission from above kept by the city's rectification");

        var city = Rectification(_city);
        var unit = Guid.NewGuid();
        const string secret = "南通市行政复议案件办理超期（省督察发现）";
        var open = new OpenItemFromAboveRequest
        {
            OriginNoticeId = received.SubjectId, UnitId = unit.ToString(), UnitName = "南通市司法局", Title = secret,
            Description = secret + "，2025年度12件超期。", Category = "行政复议", Severity = "serious",
        };
        // Only the office opens it, and only under a mission notice that came down.
        var liaison = _city.Liaison(unit.ToString());
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(async () => await city.OpenItemFromAboveAsync(open, liaison))).StatusCode);
        var bad = await Assert.ThrowsAsync<RpcException>(async () => await city.OpenItemFromAboveAsync(new OpenItemFromAboveRequest
        {
            OriginNoticeId = "x", UnitId = "y", UnitName = "", Title = "", Severity = "grave", Deadline = "2020-01-01",
        }, _city.Office()));
        SliceScenario.AssertBadRequest(bad, "origin_notice_id", "unit_id", "unit_name", "title", "severity", "deadline");
        var unknown = await Assert.ThrowsAsync<RpcException>(async () => await city.OpenItemFromAboveAsync(
            new OpenItemFromAboveRequest(open) { OriginNoticeId = Guid.NewGuid().ToString() }, _city.Office()));
        SliceScenario.AssertBadRequest(unknown, "origin_notice_id");

        var item = await city.OpenItemFromAboveAsync(open, _city.Office());
        Assert.Equal(("js-province", missionId, "open", "320600"), (item.OriginNodeId, item.MissionId, item.State, item.RegionCode));
        // The mission's own title, not the title of its notice (the document's, which names the unit).
        Assert.Equal(MissionTitle, item.MissionTitle);
        var row = await WaitStatusAsync(missionId, item.Id, "open");
        Assert.Equal(("nt-city", "320600", unit.ToString(), "南通市司法局", "open", item.Deadline), (row.NodeId, row.RegionCode, row.UnitId, row.UnitName, row.State, row.Deadline));

        // Each step at the city comes up: planned, escalated, done, and a failed look-back.
        await city.SubmitPlanAsync(new SubmitPlanRequest { ItemId = item.Id, Measures = { "清理超期案件" } }, liaison);
        await WaitStatusAsync(missionId, item.Id, "planned");
        await city.ApplyEscalationAsync(new ApplyEscalationRequest { ItemId = item.Id, Step = "reminder", Reason = "进度滞后" }, _city.Office());
        Assert.Equal(1, (await WaitStatusAsync(missionId, item.Id, "escalated")).EscalationOrder);
        await city.ReportProgressAsync(new ReportProgressRequest { ItemId = item.Id, Percent = 60, Text = "已清理8件" }, liaison);
        await city.SubmitCompletionAsync(new SubmitCompletionRequest { ItemId = item.Id, Summary = "全部办结", Evidence = { "办结清单" } }, liaison);
        await city.VerifyItemAsync(new VerifyItemRequest { ItemId = item.Id }, _city.Office());
        var done = await WaitStatusAsync(missionId, item.Id, "done");
        Assert.Equal("verified", done.State);
        Assert.NotEmpty(done.ClosedOn);
        await city.RecordLookBackAsync(new RecordLookBackRequest
        {
            ItemId = item.Id, LookBackMissionId = Guid.NewGuid().ToString(), Passed = false, Note = "回头看发现新增超期案件",
        }, _city.Office());
        var failed = await WaitStatusAsync(missionId, item.Id, "look_back_failed");
        Assert.Equal(("in_progress", 1), (failed.State, failed.ReopenCount));

        // The province's office and observers read it at home; a unit's liaison there may not.
        var province = Rectification(_province);
        Assert.Single((await province.ListItemsFromBelowAsync(new ListItemsFromBelowRequest { RegionCode = "320600" },
            SliceScenario.Bearer(_province.Tokens.Observer()))).Items);
        Assert.Empty((await province.ListItemsFromBelowAsync(new ListItemsFromBelowRequest { MissionId = Guid.NewGuid().ToString() }, _province.Office())).Items);
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(async () =>
            await province.ListItemsFromBelowAsync(new(), _province.Liaison(unit.ToString())))).StatusCode);
        var badList = await Assert.ThrowsAsync<RpcException>(async () =>
            await province.ListItemsFromBelowAsync(new ListItemsFromBelowRequest { MissionId = "m", RegionCode = "3206" }, _province.Office()));
        SliceScenario.AssertBadRequest(badList, "mission_id", "region_code");

        // The finding's text never crossed: not in what the province received, not among its own items.
        var crossed = (await _province.InStoreAsync(db => db.LinkInbox.OrderBy(m => m.Sequence).Select(m => m.Payload).ToListAsync()))
            .Select(System.Text.RegularExpressions.Regex.Unescape).ToList();
        Assert.NotEmpty(crossed);
        Assert.DoesNotContain(crossed, p => p.Contains(secret, StringComparison.Ordinal) || p.Contains("12件超期", StringComparison.Ordinal)
            || p.Contains("清理超期案件", StringComparison.Ordinal));
        Assert.Equal(0, await _province.InRectificationStoreAsync(db => db.Items.CountAsync()));
    }

    [Fact]
    public async Task A_status_from_below_is_kept_only_for_a_mission_of_this_node_targeting_a_region_the_child_leads_to()
    {
        // The province's mission targets a county of the city (320602).
        var missionId = Guid.Parse(await NotifiedMissionAsync(_province, "崇川区人民政府", "320602"));
        await FederationFlow.Until(() => _province.InRectificationStoreAsync(db => db.OwnMissionRegions.AnyAsync(r => r.MissionId == missionId && r.RegionCode == "320602")),
            "the province's rectification to know its mission's regions");

        // Statuses as the edge raises them from a child's link: the city's (its county's item) is kept; another city's for
        // the same mission, a sibling county's, and one for a mission the province never ran are dropped.
        var day = new DateOnly(2026, 6, 30);
        Platform.Contracts.Events.Federation.RectificationStatusReceived Status(string viaNode, string viaRegion, Guid mission, string region, Guid item) =>
            new(viaNode, new Platform.Contracts.Events.Rectification.RectificationItemStatus(
                item, "js-province", mission, Guid.NewGuid(), "伪造", region, "done", "verified", false, 0, 0, day, day, day, DateTimeOffset.UtcNow),
                DateTimeOffset.UtcNow, "js-province") { ViaNodeId = viaNode, ViaRegionCode = viaRegion };
        var kept = Guid.NewGuid();
        await _province.InStoreAsync(async db =>
        {
            db.AddIntegrationEvent(Status("nt-city", "320600", missionId, "320602", kept));
            db.AddIntegrationEvent(Status("evil-sz", "320500", missionId, "320505", Guid.NewGuid()));
            db.AddIntegrationEvent(Status("hm-county", "320684", missionId, "320684", Guid.NewGuid()));
            db.AddIntegrationEvent(Status("nt-city", "320600", Guid.NewGuid(), "320602", Guid.NewGuid()));
            return await db.SaveChangesAsync();
        });
        await FederationFlow.Until(async () => await _province.InRectificationStoreAsync(db =>
            db.ProcessedMessages.CountAsync(p => p.Consumer == "rectification.status_from_below_consumer.v1")) == 4, "the four statuses to be taken");

        Assert.Equal([(kept, "320602")], await _province.InRectificationStoreAsync(async db =>
            (await db.ItemsFromBelow.Select(i => new { i.ItemId, i.RegionCode }).ToListAsync()).Select(i => (i.ItemId, i.RegionCode)).ToList()));
    }

    private const string MissionTitle = "2026年行政复议工作专项督察";

    private Task<ItemStatusFromBelow> WaitStatusAsync(string missionId, string itemId, string status) =>
        Eventually.GetAsync(async () =>
            (await Rectification(_province).ListItemsFromBelowAsync(new ListItemsFromBelowRequest { MissionId = missionId }, _province.Office()))
                .Items.SingleOrDefault(i => i.ItemId == itemId && i.Status == status),
            FederationFlow.Timeout, $"item {itemId} {status} at the province");

    private static RectificationService.RectificationServiceClient Rectification(FederationNode node) => new(node.KestrelChannel());

    /// <summary>A mission of the node's office with one target, notified: its 督察通知 goes out. Returns the mission's id.</summary>
    internal static async Task<string> NotifiedMissionAsync(FederationNode node, string unitName, string regionCode) =>
        (await NotifiedMissionAndTargetAsync(node, unitName, regionCode)).MissionId;

    internal static async Task<(string MissionId, Guid TargetUnitId)> NotifiedMissionAndTargetAsync(FederationNode node, string unitName, string regionCode)
    {
        var target = Guid.NewGuid();
        var inspection = new InspectionService.InspectionServiceClient(node.KestrelChannel());
        var office = node.Office();
        var mission = await inspection.CreateMissionAsync(new CreateMissionRequest
        {
            Title = MissionTitle, Kind = "special_topic", Year = 2026, PlanEntry = "2026年度督察计划第3项",
            FocusItems = { "行政复议案件办理时限" }, Methods = { "file_checks" }, StartsOn = "2026-05-11", EndsOn = "2026-05-29",
            Targets = { new MissionTarget { UnitId = target.ToString(), UnitName = unitName, RegionCode = regionCode } },
        }, office);
        var inspector = await inspection.RegisterInspectorAsync(new RegisterInspectorRequest { Name = "李督察", UserId = "insp-li", Expertise = { "enforcement" } }, office);
        await inspection.FormTeamAsync(new() { MissionId = mission.Id, InspectorIds = { inspector.Id }, LeaderInspectorId = inspector.Id }, office);
        await inspection.TransitionMissionAsync(new() { MissionId = mission.Id, ToState = "notified" }, office);
        return (mission.Id, target);
    }

    public void Dispose()
    {
        _city.Dispose();
        _province.Dispose();
    }
}

/// <summary>Reads a node's rectification store.</summary>
public static class RectificationStore
{
    public static async Task<T> InRectificationStoreAsync<T>(this FederationNode node, Func<RectificationDbContext, Task<T>> read)
    {
        await using var scope = node.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<RectificationDbContext>());
    }
}
