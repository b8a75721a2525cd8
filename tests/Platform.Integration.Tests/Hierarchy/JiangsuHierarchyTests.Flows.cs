using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Federation;
using Platform.Contracts.Notification.V1;
using Platform.Contracts.Planning.V1;

namespace Platform.Integration.Tests.Hierarchy;

/// <summary>
/// The flows (ADR 0018) across separate node processes: a province plan cascades two levels down, a county
/// unit reports, the city's and the province's roll-ups show it; then a county, and later the city between
/// the province and its counties, is stopped while the levels around it keep working, and started again:
/// nothing is lost and nothing arrives twice. Then a province bulletin reaches a county unit through the city and
/// its read receipt comes back (ADR 0022).
/// </summary>
public sealed partial class JiangsuHierarchyTests
{
    [Fact]
    [Step(1)]
    public async Task A_plan_cascades_two_levels_down_rolls_up_from_a_county_and_survives_a_county_and_then_the_city_going_down()
    {
        var plan = await IssuedPlanAsync(Province, "全面推行行政执法公示制度", "健全行政裁量权基准制度");
        var (first, second) = (plan.Tasks[0], plan.Tasks[1]);
        await Province.Planning().CascadeTasksAsync(new CascadeTasksRequest { PlanId = plan.Id, TaskIds = { first.Id }, ReportsRequested = true }, await Province.OfficeAsync());
        // Both cities receive it; Nantong takes it on and sends it to both its counties.
        await ReceivedAsync(Suzhou, first.Id, _ => true);
        var (cityTask, _) = await AcceptAndAssignAsync(Nantong, first.Id, "南通市司法局", "320600");
        await Nantong.Planning().CascadeTasksAsync(new CascadeTasksRequest { PlanId = cityTask.LocalPlanId, ReportsRequested = true }, await Nantong.OfficeAsync());
        await ReceivedAsync(Tongzhou, cityTask.LocalTaskId, _ => true);
        var (countyTask, countyAssignment) = await AcceptAndAssignAsync(Chongchuan, cityTask.LocalTaskId, "崇川区司法局", "320602");
        Assert.Equal("nt-city", countyTask.SenderNodeId);
        var liaison = await Chongchuan.LiaisonAsync(countyAssignment.UnitId);
        await Chongchuan.Planning().ReportProgressAsync(new ReportProgressRequest { AssignmentId = countyAssignment.Id, Text = "公示平台完成部署", Percent = 50 }, liaison);

        var atCity = await RollUpAsync(Nantong, cityTask.LocalPlanId, cityTask.LocalTaskId, "cc-county", n => n.UnitsReported == 1);
        Assert.Equal(("nt-city", 1, 1), (atCity.ParentNodeId, atCity.UnitsAssigned, atCity.ReportedOnTime));
        var atProvince = await RollUpAsync(Province, plan.Id, first.Id, "cc-county", n => n.UnitsReported == 1);
        Assert.Equal(("nt-city", "公示平台完成部署"), (atProvince.ParentNodeId, Assert.Single(atProvince.Reports).Text));
        await RollUpAsync(Province, plan.Id, first.Id, "nt-city", n => n.UnitsAssigned == 1);

        // A county goes down; above it, the province cascades the second task and Nantong sends it on.
        await Chongchuan.StopAsync();
        await Province.Planning().CascadeTasksAsync(new CascadeTasksRequest { PlanId = plan.Id, TaskIds = { second.Id }, ChildNodeIds = { "nt-city" }, ReportsRequested = true }, await Province.OfficeAsync());
        var (cityTask2, _) = await AcceptAndAssignAsync(Nantong, second.Id, "南通市司法局", "320600");
        await Nantong.Planning().CascadeTasksAsync(new CascadeTasksRequest { PlanId = cityTask2.LocalPlanId, TaskIds = { cityTask2.LocalTaskId }, ReportsRequested = true }, await Nantong.OfficeAsync());
        await ReceivedAsync(Tongzhou, cityTask2.LocalTaskId, _ => true);
        await Until(async () => (await NodeHierarchy.LinkAsync(Nantong, Chongchuan)).Backlog > 0, "the second task to wait for Chongchuan");
        await Chongchuan.StartAsync();
        await ReceivedAsync(Chongchuan, cityTask2.LocalTaskId, _ => true);
        await Until(async () => (await NodeHierarchy.LinkAsync(Nantong, Chongchuan)).Backlog == 0, "Nantong's backlog for Chongchuan to drain");
        await AssertOnceEachAsync(Nantong, Chongchuan);

        // The city goes down between the province and its counties: the county unit reports, the province revises.
        await Nantong.StopAsync();
        await Chongchuan.Planning().ReportProgressAsync(new ReportProgressRequest { AssignmentId = countyAssignment.Id, Text = "公示平台已上线", Percent = 100, Final = true }, liaison);
        await Province.Planning().ReviseTaskAsync(new ReviseTaskRequest
        {
            TaskId = first.Id, Title = "全面推行行政执法公示制度，年底前实现市县全覆盖", Deadline = "2026-11-30", Reason = "省委依法治省办调整要求",
        }, await Province.OfficeAsync());
        await Until(async () => (await NodeHierarchy.LinkAsync(Chongchuan, Nantong)).Backlog > 0
            && (await NodeHierarchy.LinkAsync(Province, Nantong)).Backlog > 0, "the report and the revision to wait for Nantong");
        await Nantong.StartAsync();
        var revised = await ReceivedAsync(Nantong, first.Id, r => r.Status == "revised");
        Assert.Equal((cityTask.Id, 1), (revised.Id, revised.Revision));
        await RollUpAsync(Nantong, cityTask.LocalPlanId, cityTask.LocalTaskId, "cc-county", n => n.UnitsCompleted == 1);
        var final = await RollUpAsync(Province, plan.Id, first.Id, "cc-county", n => n.UnitsCompleted == 1);
        Assert.Equal("公示平台已上线", Assert.Single(final.Reports).Text);
        await Until(async () => (await NodeHierarchy.LinkAsync(Province, Nantong)).Backlog == 0
            && (await NodeHierarchy.LinkAsync(Chongchuan, Nantong)).Backlog == 0, "both backlogs for Nantong to drain");
        await AssertOnceEachAsync(Province, Nantong);
        await AssertOnceEachAsync(Chongchuan, Nantong);
        await AssertOnceEachAsync(Nantong, Chongchuan);
        // One received task per task at each level, the revision included in the first.
        Assert.Equal(2, (await Nantong.Planning().ListReceivedTasksAsync(new(), await Nantong.OfficeAsync())).Tasks.Count);
        Assert.Equal(2, (await Chongchuan.Planning().ListReceivedTasksAsync(new(), await Chongchuan.OfficeAsync())).Tasks.Count);

        // A province bulletin to the county unit goes through Nantong (ADR 0022); its read receipt comes back the same way.
        var notice = await Province.Notification().SendNoticeDownAsync(new SendNoticeDownRequest
        {
            Kind = "bulletin", Title = "关于行政执法公示制度落实情况的通报", Body = "现将各地行政执法公示制度落实情况通报如下。",
            RegionCodes = { "320602" }, UnitIds = { countyAssignment.UnitId },
        }, await Province.OfficeAsync());
        var message = await Eventually.GetAsync(async () =>
            (await Chongchuan.Notification().ListMyInboxAsync(new ListMyInboxRequest(), liaison)).Messages.SingleOrDefault(m => m.SubjectId == notice.Id),
            Timeout, "the bulletin in the county unit's inbox");
        Assert.Equal(("bulletin_from_above", "通报：关于行政执法公示制度落实情况的通报"), (message.Kind, message.Title));
        await Chongchuan.Notification().MarkInboxMessageReadAsync(new MarkInboxMessageReadRequest { MessageId = message.Id }, liaison);
        var provinceOffice = await Province.OfficeAsync();
        var read = await Eventually.GetAsync(async () =>
            (await Province.Notification().GetSentNoticeAsync(new GetSentNoticeRequest { NoticeId = notice.Id }, provinceOffice)).Recipients.SingleOrDefault(r => r.State == "read"),
            Timeout, "the county's read receipt at the province");
        Assert.Equal(("320602", "cc-county", countyAssignment.UnitId), (read.RegionCode, read.NodeId, read.UnitId));
        // Tongzhou, Nantong's other county, got nothing.
        Assert.DoesNotContain((await Tongzhou.Notification().ListMyInboxAsync(new ListMyInboxRequest(), await Tongzhou.OfficeAsync())).Messages, m => m.SubjectId == notice.Id);
    }

    /// <summary>Every message the sender wrote on the link is in the receiver's inbox, exactly once, in sequence.</summary>
    internal static async Task AssertOnceEachAsync(NodeProcess sender, NodeProcess receiver)
    {
        var peer = receiver.NodeId;
        var sent = await sender.InStoreAsync(db => db.LinkOutbox.Where(m => db.Links.Any(l => l.Id == m.LinkId && l.PeerNodeId == peer))
            .OrderBy(m => m.Sequence).Select(m => m.MessageId).ToListAsync());
        var from = sender.NodeId;
        var received = await receiver.InStoreAsync(db => db.LinkInbox.Where(m => db.Links.Any(l => l.Id == m.LinkId && l.PeerNodeId == from))
            .OrderBy(m => m.Sequence).Select(m => m.MessageId).ToListAsync());
        Assert.NotEmpty(sent);
        Assert.Equal(sent, received);
    }

    private static async Task<Plan> IssuedPlanAsync(NodeProcess node, params string[] titles)
    {
        var office = await node.OfficeAsync();
        var plan = await node.Planning().CreatePlanAsync(new CreatePlanRequest
        {
            Title = "2026年全省法治政府建设工作要点",
            Year = 2026,
            Tasks = { titles.Select(t => new NewTask { Title = t, Deadline = "2026-12-31" }) },
        }, office);
        return await node.Planning().IssuePlanAsync(new IssuePlanRequest { PlanId = plan.Id }, office);
    }

    private static async Task<(ReceivedTask Received, Assignment Assignment)> AcceptAndAssignAsync(NodeProcess node, string originTaskId, string unitName, string region)
    {
        var office = await node.OfficeAsync();
        var planning = node.Planning();
        var received = await ReceivedAsync(node, originTaskId, r => r.Status == "received");
        var accepted = await planning.AcceptReceivedTaskAsync(new AcceptReceivedTaskRequest { ReceivedTaskId = received.Id }, office);
        var units = (await planning.ListUnitsAsync(new ListUnitsRequest(), office)).Units;
        var unit = units.FirstOrDefault(u => u.Name == unitName)
            ?? await planning.CreateUnitAsync(new CreateUnitRequest { Name = unitName, ShortName = unitName, Kind = "department", RegionCode = region }, office);
        var assignment = (await planning.AssignTaskAsync(new AssignTaskRequest { TaskId = accepted.LocalTaskId, UnitId = unit.Id }, office)).Assignments.Single();
        return (accepted, assignment);
    }

    private static async Task<ReceivedTask> ReceivedAsync(NodeProcess node, string originTaskId, Func<ReceivedTask, bool> condition)
    {
        var office = await node.OfficeAsync();
        return await Eventually.GetAsync(async () =>
            (await node.Planning().ListReceivedTasksAsync(new ListReceivedTasksRequest(), office)).Tasks.SingleOrDefault(t => t.OriginTaskId == originTaskId && condition(t)),
            Timeout, $"task {originTaskId} at {node.NodeId}");
    }

    private static async Task<NodeProgress> RollUpAsync(NodeProcess node, string planId, string taskId, string nodeId, Func<NodeProgress, bool> condition)
    {
        var office = await node.OfficeAsync();
        return await Eventually.GetAsync(async () =>
            (await node.Planning().GetPlanRollUpAsync(new GetPlanRollUpRequest { PlanId = planId }, office)).Tasks
                .Single(t => t.TaskId == taskId).Nodes.SingleOrDefault(n => n.NodeId == nodeId && condition(n)),
            Timeout, $"{nodeId} in {node.NodeId}'s roll-up of task {taskId}");
    }
}
