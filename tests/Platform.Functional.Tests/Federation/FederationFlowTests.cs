using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Federation;
using Platform.Contracts.Events.Federation;
using Platform.Contracts.Planning.V1;
using Platform.Planning.Module.Infrastructure;
using Domain = Platform.Planning.Module.Domain;
using Wire = Platform.Contracts.Events.Planning;

namespace Platform.Functional.Tests.Federation;

/// <summary>Joins nodes over their real listeners and speaks planning to each, as an office or a unit would.</summary>
public static class FederationFlow
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    /// <summary>Enrolment code, registration, approval, and the child's certificate collected: the link is active on both sides.</summary>
    public static async Task JoinAsync(FederationNode parent, FederationNode child, string childRegion)
    {
        var code = await parent.Links().CreateEnrolmentCodeAsync(new() { ChildRegionCode = childRegion }, parent.Operator);
        await child.Links().RegisterAsync(new()
        {
            ParentAddress = parent.FederationAddress,
            EnrolmentCode = code.Code,
            ParentCertificateThumbprint = code.ParentCertificateThumbprint,
        }, child.Operator);
        var pending = (await parent.Links().ListLinksAsync(new(), parent.Operator)).Links.Single(l => l.Role == "child" && l.State == "pending");
        await parent.Links().ApproveLinkAsync(new() { LinkId = pending.LinkId }, parent.Operator);
        await Until(async () => (await child.Links().ListLinksAsync(new(), child.Operator)).Links.Single(l => l.Role == "parent").State == "active", "the child's parent link to become active");
        // The edge announced the child to the parent's services; notification sends down only where a child link leads.
        await Until(() => parent.InNotificationStoreAsync(db => db.ChildNodes.AnyAsync(c => c.RegionCode == childRegion && c.State == "active")),
            "the parent's notification to know the child");
        // Planning records a cascade to every active child by name, from its own list.
        await Until(() => parent.InPlanningStoreAsync(db => db.ChildNodes.AnyAsync(c => c.RegionCode == childRegion && c.State == "active")),
            "the parent's planning to know the child");
        // Assessment records a campaign for every child it knows when the office sends it down.
        await Until(() => parent.InAssessmentStoreAsync(db => db.ChildNodes.AnyAsync(c => c.RegionCode == childRegion && c.State == "active")),
            "the parent's assessment to know the child");
    }

    public static PlanningService.PlanningServiceClient Planning(this FederationNode node) => new(node.KestrelChannel());

    public static Metadata Office(this FederationNode node) => SliceScenario.Bearer(node.Tokens.OfficeStaff());

    public static Metadata Liaison(this FederationNode node, string unitId) => SliceScenario.Bearer(node.Tokens.Liaison(Guid.Parse(unitId)));

    public static async Task<Plan> IssuedPlanAsync(this FederationNode node, params string[] titles)
    {
        var planning = node.Planning();
        var plan = await planning.CreatePlanAsync(new CreatePlanRequest
        {
            Title = "2026年全省法治政府建设工作要点",
            Year = 2026,
            Tasks = { titles.Select(t => new NewTask { Title = t, Deadline = "2026-12-31" }) },
        }, node.Office());
        return await planning.IssuePlanAsync(new IssuePlanRequest { PlanId = plan.Id }, node.Office());
    }

    /// <summary>The office waits for the task from above, accepts it and assigns it to a unit of its own.</summary>
    public static async Task<(ReceivedTask Received, Unit Unit, Assignment Assignment)> AcceptAndAssignAsync(this FederationNode node, string originTaskId, string unitName, string region)
    {
        var planning = node.Planning();
        var received = await WaitReceivedAsync(node, originTaskId, r => r.Status == "received");
        var accepted = await planning.AcceptReceivedTaskAsync(new AcceptReceivedTaskRequest { ReceivedTaskId = received.Id }, node.Office());
        var unit = await planning.CreateUnitAsync(new CreateUnitRequest { Name = unitName, ShortName = unitName, Kind = "department", RegionCode = region }, node.Office());
        var assignment = (await planning.AssignTaskAsync(new AssignTaskRequest { TaskId = accepted.LocalTaskId, UnitId = unit.Id }, node.Office())).Assignments.Single();
        return (accepted, unit, assignment);
    }

    public static Task<ReceivedTask> WaitReceivedAsync(FederationNode node, string originTaskId, Func<ReceivedTask, bool> condition) =>
        Eventually.GetAsync(async () =>
            (await node.Planning().ListReceivedTasksAsync(new ListReceivedTasksRequest(), node.Office())).Tasks
                .SingleOrDefault(t => t.OriginTaskId == originTaskId && condition(t)),
            Timeout, $"task {originTaskId} received as wanted");

    public static Task<NodeProgress> WaitRollUpAsync(FederationNode node, string planId, string taskId, string nodeId, Func<NodeProgress, bool> condition) =>
        Eventually.GetAsync(async () =>
            (await node.Planning().GetPlanRollUpAsync(new GetPlanRollUpRequest { PlanId = planId }, node.Office())).Tasks
                .Single(t => t.TaskId == taskId).Nodes.SingleOrDefault(n => n.NodeId == nodeId && condition(n)),
            Timeout, $"the roll-up of {nodeId} on task {taskId}");

    public static async Task<T> InPlanningStoreAsync<T>(this FederationNode node, Func<PlanningDbContext, Task<T>> read)
    {
        await using var scope = node.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<PlanningDbContext>());
    }

    public static Task Until(Func<Task<bool>> condition, string what) =>
        Eventually.GetAsync<object>(async () => await condition() ? true : null, Timeout, what);
}

/// <summary>A province and one of its cities: a task cascades down, progress comes up, a revision waits for the city.</summary>
public sealed class FederationFlowTests : IDisposable
{
    private readonly FederationNode _province = new("js-province", "Province", "320000");
    private readonly FederationNode _city = new("nt-city", "City", "320600");

    public FederationFlowTests()
    {
        _province.StartServer();
        _city.StartServer();
    }

    [Fact]
    public async Task A_cascaded_task_is_accepted_and_assigned_by_the_city_and_its_progress_rolls_up_to_the_province()
    {
        await FederationFlow.JoinAsync(_province, _city, "320600");
        var plan = await _province.IssuedPlanAsync("健全重大行政决策程序制度", "推进严格规范公正文明执法");
        var (first, second) = (plan.Tasks[0], plan.Tasks[1]);

        // Only the office cascades; the first task only, to every child, with the units' reports asked for.
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await _province.Planning().CascadeTasksAsync(
            new CascadeTasksRequest { PlanId = plan.Id }, SliceScenario.Bearer(_province.Tokens.Observer())));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        var cascaded = await _province.Planning().CascadeTasksAsync(
            new CascadeTasksRequest { PlanId = plan.Id, TaskIds = { first.Id }, ReportsRequested = true }, _province.Office());
        Assert.Equal(first.Id, Assert.Single(cascaded.Cascades).TaskId);

        var received = await FederationFlow.WaitReceivedAsync(_city, first.Id, _ => true);
        Assert.Equal(("js-province", plan.Id, 1, "健全重大行政决策程序制度", "2026-12-31", 0, "received", true),
            (received.SenderNodeId, received.OriginPlanId, received.TaskNumber, received.Title, received.Deadline, received.Revision, received.Status, received.ReportsRequested));
        Assert.DoesNotContain((await _city.Planning().ListReceivedTasksAsync(new(), _city.Office())).Tasks, t => t.OriginTaskId == second.Id);

        var (accepted, unit, assignment) = await _city.AcceptAndAssignAsync(first.Id, "南通市发展和改革委员会", "320600");
        Assert.Equal("accepted", accepted.Status);
        var again = await Assert.ThrowsAsync<RpcException>(async () =>
            await _city.Planning().AcceptReceivedTaskAsync(new() { ReceivedTaskId = accepted.Id }, _city.Office()));
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        // A unit's liaison sees its assignment, not what came from above, and cannot take it on.
        var liaison = _city.Liaison(unit.Id);
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(async () =>
            await _city.Planning().ListReceivedTasksAsync(new(), liaison))).StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(async () =>
            await _city.Planning().AcceptReceivedTaskAsync(new() { ReceivedTaskId = accepted.Id }, liaison))).StatusCode);
        Assert.Equal(assignment.Id, Assert.Single((await _city.Planning().ListAssignmentsAsync(new(), liaison)).Assignments).Id);

        // The province sees the city take it on, then the unit's report, from its own store.
        await FederationFlow.WaitRollUpAsync(_province, plan.Id, first.Id, "nt-city", n => n.UnitsAssigned == 1);
        await _city.Planning().ReportProgressAsync(new ReportProgressRequest { AssignmentId = assignment.Id, Text = "已完成制度草案起草", Percent = 40 }, liaison);
        var city = await FederationFlow.WaitRollUpAsync(_province, plan.Id, first.Id, "nt-city", n => n.UnitsReported == 1);
        Assert.Equal(("js-province", 1, 1, 0, 0), (city.ParentNodeId, city.UnitsAssigned, city.ReportedOnTime, city.ReportedLate, city.UnitsCompleted));
        var report = Assert.Single(city.Reports);
        Assert.Equal(("南通市发展和改革委员会", 40, "已完成制度草案起草"), (report.UnitName, report.Percent, report.Text));
        var rollUp = await _province.Planning().GetPlanRollUpAsync(new() { PlanId = plan.Id }, _province.Office());
        Assert.Equal(["js-province", "nt-city"], rollUp.Nodes.Select(n => n.NodeId));
        Assert.DoesNotContain(rollUp.Tasks.Single(t => t.TaskId == second.Id).Nodes, n => n.NodeId == "nt-city");
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(async () =>
            await _province.Planning().GetPlanRollUpAsync(new() { PlanId = plan.Id }, SliceScenario.Bearer(_province.Tokens.Liaison(Guid.NewGuid()))))).StatusCode);
    }

    [Fact]
    public async Task A_revision_made_while_the_city_was_unreachable_arrives_as_a_new_revision_and_leaves_its_reports_alone()
    {
        await FederationFlow.JoinAsync(_province, _city, "320600");
        var plan = await _province.IssuedPlanAsync("加强行政执法协调监督工作体系建设");
        var task = plan.Tasks[0];
        await _province.Planning().CascadeTasksAsync(new CascadeTasksRequest { PlanId = plan.Id, ChildNodeIds = { "nt-city" } }, _province.Office());
        var (accepted, unit, assignment) = await _city.AcceptAndAssignAsync(task.Id, "南通市市场监督管理局", "320600");
        var liaison = _city.Liaison(unit.Id);
        await _city.Planning().ReportProgressAsync(new ReportProgressRequest { AssignmentId = assignment.Id, Text = "梳理执法事项清单", Percent = 30 }, liaison);

        // The city drops off the network: the province's revision waits in the link's backlog.
        var linkId = await _province.InStoreAsync(db => db.Links.Where(l => l.PeerNodeId == "nt-city").Select(l => l.Id).SingleAsync());
        var address = await _province.SetPeerAddressAsync(linkId, "https://127.0.0.1:9");
        await _province.Planning().ReviseTaskAsync(new ReviseTaskRequest
        {
            TaskId = task.Id, Title = "加强行政执法协调监督工作体系建设，年底前实现市县全覆盖", Deadline = "2026-11-30", Reason = "省委依法治省办调整要求",
        }, _province.Office());
        await FederationFlow.Until(() => _province.InStoreAsync(db =>
            db.LinkOutbox.AnyAsync(m => m.LinkId == linkId && m.WireName == FederationFlows.TaskCascaded && m.DeliveredAt == null && m.Attempts > 0)),
            "the revision to wait in the backlog");
        // Meanwhile the city's unit goes on reporting.
        await _city.Planning().ReportProgressAsync(new ReportProgressRequest { AssignmentId = assignment.Id, Text = "完成执法监督平台试运行", Percent = 60 }, liaison);

        await _province.SetPeerAddressAsync(linkId, address);
        var revised = await FederationFlow.WaitReceivedAsync(_city, task.Id, r => r.Status == "revised");
        Assert.Equal((accepted.Id, 1, 0, "加强行政执法协调监督工作体系建设，年底前实现市县全覆盖", "2026-11-30"),
            (revised.Id, revised.Revision, revised.AcknowledgedRevision, revised.Title, revised.Deadline));
        // Until the office acknowledges it, the city's task reads as the city took it on.
        var local = await _city.Planning().GetPlanAsync(new GetPlanRequest { PlanId = accepted.LocalPlanId }, _city.Office());
        Assert.Equal("加强行政执法协调监督工作体系建设", local.Tasks.Single().Title);

        var acknowledged = await _city.Planning().AcknowledgeReceivedTaskAsync(new() { ReceivedTaskId = accepted.Id }, _city.Office());
        Assert.Equal(("accepted", 1), (acknowledged.Status, acknowledged.AcknowledgedRevision));
        local = await _city.Planning().GetPlanAsync(new GetPlanRequest { PlanId = accepted.LocalPlanId }, _city.Office());
        Assert.Equal(("加强行政执法协调监督工作体系建设，年底前实现市县全覆盖", "2026-11-30"), (local.Tasks.Single().Title, local.Tasks.Single().Deadline));
        var history = Assert.Single((await _city.Planning().ListTaskRevisionsAsync(new() { TaskId = accepted.LocalTaskId }, _city.Office())).Revisions);
        Assert.Contains("第 1 版", history.Reason);
        // Both reports, the one before and the one during the outage, are still the unit's.
        var reports = (await _city.Planning().ListProgressReportsAsync(new ListProgressReportsRequest { TaskId = accepted.LocalTaskId }, _city.Office())).Reports;
        Assert.Equal(new[] { "完成执法监督平台试运行", "梳理执法事项清单" }.Order(StringComparer.Ordinal), reports.Select(r => r.Text).Order(StringComparer.Ordinal));
        var again = await Assert.ThrowsAsync<RpcException>(async () =>
            await _city.Planning().AcknowledgeReceivedTaskAsync(new() { ReceivedTaskId = accepted.Id }, _city.Office()));
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        // One received task, one row per message on the link: the revision came as a new message, not a copy.
        Assert.Single((await _city.Planning().ListReceivedTasksAsync(new(), _city.Office())).Tasks);
        Assert.Equal(2, await _province.InStoreAsync(db => db.LinkOutbox.CountAsync(m => m.LinkId == linkId && m.WireName == FederationFlows.TaskCascaded)));
        await FederationFlow.WaitRollUpAsync(_province, plan.Id, task.Id, "nt-city", n => n.UnitsReported == 1 && n.ReportedOnTime == 1);
    }

    [Fact]
    public async Task Many_reports_on_a_received_task_go_up_as_few_summaries_and_the_province_ends_with_the_final_figures()
    {
        await FederationFlow.JoinAsync(_province, _city, "320600");
        var plan = await _province.IssuedPlanAsync("全面落实行政执法三项制度");
        var task = plan.Tasks[0];
        await _province.Planning().CascadeTasksAsync(new CascadeTasksRequest { PlanId = plan.Id, ReportsRequested = true }, _province.Office());
        var (accepted, firstUnit, firstAssignment) = await _city.AcceptAndAssignAsync(task.Id, "南通市司法局", "320600");
        var assignments = new List<(Unit Unit, Assignment Assignment)> { (firstUnit, firstAssignment) };
        foreach (var name in new[] { "南通市公安局", "南通市生态环境局" })
        {
            var unit = await _city.Planning().CreateUnitAsync(new CreateUnitRequest { Name = name, ShortName = name, Kind = "department", RegionCode = "320600" }, _city.Office());
            assignments.Add((unit, (await _city.Planning().AssignTaskAsync(new AssignTaskRequest { TaskId = accepted.LocalTaskId, UnitId = unit.Id }, _city.Office())).Assignments.Single()));
        }
        await FederationFlow.WaitRollUpAsync(_province, plan.Id, task.Id, "nt-city", n => n.UnitsAssigned == 3);
        var before = await ProgressReceivedAsync();

        // Deadline day with the province out of reach: every report changes the task's summary.
        var parentLink = await _city.InStoreAsync(db => db.Links.Where(l => l.PeerNodeId == "js-province").Select(l => l.Id).SingleAsync());
        var address = await _city.SetPeerAddressAsync(parentLink, "https://127.0.0.1:9");
        var reports = 0;
        for (var percent = 10; percent <= 100; percent += 10)
        {
            foreach (var (unit, assignment) in assignments)
            {
                await _city.Planning().ReportProgressAsync(new ReportProgressRequest
                {
                    AssignmentId = assignment.Id, Text = $"{unit.Name}完成{percent}%", Percent = percent, Final = percent == 100,
                }, _city.Liaison(unit.Id));
                reports++;
            }
        }
        // Thirty saves and their events on a loaded machine: more time than one crossing gets.
        await Eventually.GetAsync<object>(async () => await _city.InStoreAsync(async db =>
            await db.LinkPending.SingleOrDefaultAsync(m => m.LinkId == parentLink) is { } pending
            && JsonSerializer.Deserialize<TaskProgressMessage>(pending.Payload, JsonSerializerOptions.Web)!.Nodes.Single(n => n.NodeId == "nt-city").UnitsCompleted == 3)
            ? true : null, TimeSpan.FromSeconds(120), "the last report's summary to wait for the province");
        await _city.SetPeerAddressAsync(parentLink, address);

        var city = await FederationFlow.WaitRollUpAsync(_province, plan.Id, task.Id, "nt-city", n => n.UnitsCompleted == 3);
        Assert.Equal((3, 3, 3, 0), (city.UnitsAssigned, city.UnitsReported, city.ReportedOnTime, city.ReportedLate));
        Assert.Equal(assignments.Select(a => $"{a.Unit.Name}完成100%").Order(StringComparer.Ordinal), city.Reports.Select(r => r.Text).Order(StringComparer.Ordinal));
        // Thirty changes crossed as at most two summaries: one moved into the backlog before the province was
        // found unreachable, and the latest.
        var received = await ProgressReceivedAsync() - before;
        Assert.Equal(30, reports);
        Assert.InRange(received, 1, 2);
    }

    [Fact]
    public async Task A_cascade_to_a_node_that_is_not_a_child_or_whose_link_is_revoked_is_refused_up_front()
    {
        var plan = await _province.IssuedPlanAsync("推进行政执法“三项制度”全覆盖");
        // No child yet: naming the city is a bad field, naming nobody has nowhere to go.
        var notYet = await Assert.ThrowsAsync<RpcException>(async () => await _province.Planning().CascadeTasksAsync(
            new CascadeTasksRequest { PlanId = plan.Id, ChildNodeIds = { "nt-city" } }, _province.Office()));
        SliceScenario.AssertBadRequest(notYet, "child_node_ids");
        Assert.Contains("nt-city", notYet.Status.Detail, StringComparison.Ordinal);
        var nobody = await Assert.ThrowsAsync<RpcException>(async () => await _province.Planning().CascadeTasksAsync(
            new CascadeTasksRequest { PlanId = plan.Id }, _province.Office()));
        Assert.Equal(StatusCode.FailedPrecondition, nobody.StatusCode);

        await FederationFlow.JoinAsync(_province, _city, "320600");
        var stranger = await Assert.ThrowsAsync<RpcException>(async () => await _province.Planning().CascadeTasksAsync(
            new CascadeTasksRequest { PlanId = plan.Id, ChildNodeIds = { "nt-city", "sz-city" } }, _province.Office()));
        SliceScenario.AssertBadRequest(stranger, "child_node_ids");
        Assert.Contains("sz-city", stranger.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await _province.InStoreAsync(db => db.LinkOutbox.CountAsync(m => m.WireName == FederationFlows.TaskCascaded)));

        var link = (await _province.Links().ListLinksAsync(new(), _province.Operator)).Links.Single(l => l.PeerNodeId == "nt-city");
        await _province.Links().RevokeLinkAsync(new() { LinkId = link.LinkId }, _province.Operator);
        var accepted = 0;
        var revoked = await Eventually.GetAsync(async () =>
        {
            try
            {
                await _province.Planning().CascadeTasksAsync(new CascadeTasksRequest { PlanId = plan.Id, ChildNodeIds = { "nt-city" } }, _province.Office());
                accepted++;
                return null;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
            {
                return e;
            }
        }, FederationFlow.Timeout, "the revoked city to be refused");
        Assert.Contains("child_node_ids", revoked.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("nt-city", revoked.Status.Detail, StringComparison.Ordinal);
        // Cascades made before planning heard of the revocation were accepted and sit in the kept backlog (once their
        // events have reached the edge: the CI once counted while the last was still on its way); from the first refusal
        // on, nothing more is written.
        Task<int> CascadedOnLinkAsync() => _province.InStoreAsync(db => db.LinkOutbox.CountAsync(m => m.WireName == FederationFlows.TaskCascaded));
        var backlogAtRefusal = (await Eventually.GetAsync(async () =>
        {
            var count = await CascadedOnLinkAsync();
            return count == accepted * plan.Tasks.Count ? new System.Runtime.CompilerServices.StrongBox<int>(count) : null;
        }, FederationFlow.Timeout, $"the {accepted} cascades accepted before the refusal on the link")).Value;
        Assert.Equal(StatusCode.FailedPrecondition, (await Assert.ThrowsAsync<RpcException>(async () => await _province.Planning().CascadeTasksAsync(
            new CascadeTasksRequest { PlanId = plan.Id }, _province.Office()))).StatusCode);
        // A refused cascade is refused before it is written.
        Assert.Equal(backlogAtRefusal, await CascadedOnLinkAsync());
    }

    [Fact]
    public async Task Cascading_names_each_bad_field()
    {
        var plan = await _province.IssuedPlanAsync("深化行政复议体制改革");
        var bad = await Assert.ThrowsAsync<RpcException>(async () => await _province.Planning().CascadeTasksAsync(
            new CascadeTasksRequest { PlanId = plan.Id, TaskIds = { "not-an-id" }, ChildNodeIds = { "南通" } }, _province.Office()));
        SliceScenario.AssertBadRequest(bad, "task_ids", "child_node_ids");
        var foreign = await Assert.ThrowsAsync<RpcException>(async () => await _province.Planning().CascadeTasksAsync(
            new CascadeTasksRequest { PlanId = plan.Id, TaskIds = { Guid.NewGuid().ToString() } }, _province.Office()));
        SliceScenario.AssertBadRequest(foreign, "task_ids");
        var draft = await _province.Planning().CreatePlanAsync(new CreatePlanRequest { Title = "草稿", Year = 2026, Tasks = { new NewTask { Title = "待定", Deadline = "2026-12-31" } } }, _province.Office());
        var notIssued = await Assert.ThrowsAsync<RpcException>(async () => await _province.Planning().CascadeTasksAsync(
            new CascadeTasksRequest { PlanId = draft.Id }, _province.Office()));
        Assert.Equal(StatusCode.FailedPrecondition, notIssued.StatusCode);
        var missing = await Assert.ThrowsAsync<RpcException>(async () => await _city.Planning().AcceptReceivedTaskAsync(
            new AcceptReceivedTaskRequest { ReceivedTaskId = "x" }, _city.Office()));
        SliceScenario.AssertBadRequest(missing, "received_task_id");
        var status = await Assert.ThrowsAsync<RpcException>(async () => await _city.Planning().ListReceivedTasksAsync(
            new ListReceivedTasksRequest { Status = "lost" }, _city.Office()));
        SliceScenario.AssertBadRequest(status, "status");
    }

    [Fact]
    public async Task Progress_figures_that_cannot_be_true_are_not_stored_and_the_roll_up_answers_whatever_is_stored()
    {
        await FederationFlow.JoinAsync(_province, _city, "320600");
        var plan = await _province.IssuedPlanAsync("健全重大行政决策程序制度", "推进严格规范公正文明执法");
        var (first, second) = (Guid.Parse(plan.Tasks[0].Id), Guid.Parse(plan.Tasks[1].Id));
        await _province.Planning().CascadeTasksAsync(new CascadeTasksRequest { PlanId = plan.Id, ChildNodeIds = { "nt-city" } }, _province.Office());

        // What the edge hands planning after its own checks; planning checks the figures again before it stores them.
        Wire.NodeProgress Row(string node, int assigned, int reported, int completed) =>
            new(node, node == "nt-city" ? "js-province" : "nt-city", assigned, reported, 0, 0, completed, 0, DateTimeOffset.UtcNow, []);
        await _province.InStoreAsync(async db =>
        {
            db.AddIntegrationEvent(new ChildProgressReceived("nt-city", first, [
                Row("nt-city", 3, 2, 1),
                Row("negative", -5, -100000, 0),
                Row("more-completed-than-assigned", 2, 2, 2147483647),
                Row("absurd", 2000000000, 0, 0),
            ], DateTimeOffset.UtcNow, "js-province"));
            return await db.SaveChangesAsync();
        });
        await FederationFlow.WaitRollUpAsync(_province, plan.Id, first.ToString(), "nt-city", n => n.UnitsAssigned == 3);

        // Rows stored before the check, large enough to overflow an int sum: left out, not a failure.
        await _province.InPlanningStoreAsync(async db =>
        {
            foreach (var task in new[] { first, second })
            {
                var forged = Domain.ChildProgress.Create(Guid.Parse(plan.Id), task, "stored-forged");
                forged.Update("js-province", "nt-city", 2000000000, 2000000000, 0, 0, 2000000000, 0, DateTimeOffset.UtcNow, "[]", DateTimeOffset.UtcNow);
                db.ChildProgress.Add(forged);
            }
            return await db.SaveChangesAsync();
        });
        var rollUp = await _province.Planning().GetPlanRollUpAsync(new() { PlanId = plan.Id }, _province.Office());
        Assert.Equal(["js-province", "nt-city"], rollUp.Nodes.Select(n => n.NodeId));
        Assert.Equal((3, 2, 1), rollUp.Nodes.Where(n => n.NodeId == "nt-city").Select(n => (n.UnitsAssigned, n.UnitsReported, n.UnitsCompleted)).Single());
        Assert.Equal(["js-province", "nt-city"], rollUp.Tasks.Single(t => t.TaskId == first.ToString()).Nodes.Select(n => n.NodeId));
    }

    [Fact]
    public async Task Progress_is_kept_only_from_a_child_the_task_was_cascaded_to()
    {
        await FederationFlow.JoinAsync(_province, _city, "320600");
        var plan = await _province.IssuedPlanAsync("健全重大行政决策程序制度", "推进严格规范公正文明执法");
        var (first, second) = (Guid.Parse(plan.Tasks[0].Id), Guid.Parse(plan.Tasks[1].Id));
        // To every active child, as asked (the answer says so); recorded as the city, the only one now.
        var cascaded = await _province.Planning().CascadeTasksAsync(new CascadeTasksRequest { PlanId = plan.Id, TaskIds = { first.ToString() } }, _province.Office());
        Assert.Empty(Assert.Single(cascaded.Cascades).ChildNodeIds);
        Assert.Equal(["nt-city"], await _province.InPlanningStoreAsync(db => db.Cascades.Where(c => c.TaskId == first).Select(c => c.ChildNodeIds).SingleAsync()));

        // A child enrolled after the cascade (its region in the province) sends progress for the task, and the city for a task never cascaded.
        await _province.InPlanningStoreAsync(async db =>
        {
            var late = ChildNode.Create("evil-sz");
            late.Update("320500", "active", DateTimeOffset.UtcNow);
            db.ChildNodes.Add(late);
            return await db.SaveChangesAsync();
        });
        Wire.NodeProgress Row(string node, int assigned) => new(node, "js-province", assigned, 0, 0, 0, 0, 0, DateTimeOffset.UtcNow, []);
        await _province.InStoreAsync(async db =>
        {
            db.AddIntegrationEvent(new ChildProgressReceived("evil-sz", first, [Row("evil-sz", 7)], DateTimeOffset.UtcNow, "js-province"));
            db.AddIntegrationEvent(new ChildProgressReceived("nt-city", second, [Row("nt-city", 5)], DateTimeOffset.UtcNow, "js-province"));
            db.AddIntegrationEvent(new ChildProgressReceived("nt-city", first, [Row("nt-city", 4)], DateTimeOffset.UtcNow, "js-province"));
            return await db.SaveChangesAsync();
        });
        await FederationFlow.Until(async () => await _province.InPlanningStoreAsync(db => db.ProcessedMessages.CountAsync(p => p.Consumer.Contains("progress_received"))) == 3,
            "planning to take the three progress messages");

        Assert.Equal(["nt-city"], await _province.InPlanningStoreAsync(db => db.ChildProgress.Select(p => p.NodeId).ToListAsync()));
        var rollUp = await _province.Planning().GetPlanRollUpAsync(new() { PlanId = plan.Id }, _province.Office());
        Assert.Equal(["js-province", "nt-city"], rollUp.Nodes.Select(n => n.NodeId));
        Assert.Equal(["js-province"], rollUp.Tasks.Single(t => t.TaskId == second.ToString()).Nodes.Select(n => n.NodeId));
    }

    [Fact]
    public async Task A_child_named_in_another_case_is_that_child_once_for_a_cascade_and_its_progress_is_kept()
    {
        await FederationFlow.JoinAsync(_province, _city, "320600");
        var plan = await _province.IssuedPlanAsync("推进行政执法“三项制度”全覆盖");
        var cascaded = await _province.Planning().CascadeTasksAsync(
            new CascadeTasksRequest { PlanId = plan.Id, ChildNodeIds = { "NT-CITY", "nt-city", "Nt-City" } }, _province.Office());
        // Recorded, answered and sent under the link's spelling, once.
        Assert.Equal(["nt-city"], Assert.Single(cascaded.Cascades).ChildNodeIds);
        var task = Guid.Parse(plan.Tasks[0].Id);
        Assert.Equal(["nt-city"], await _province.InPlanningStoreAsync(db => db.Cascades.Where(c => c.TaskId == task).Select(c => c.ChildNodeIds).SingleAsync()));
        await _city.AcceptAndAssignAsync(plan.Tasks[0].Id, "南通市司法局", "320600");
        Assert.Equal(1, await _province.InStoreAsync(db => db.LinkOutbox.CountAsync(m => m.WireName == FederationFlows.TaskCascaded)));
        // The city's progress on it reaches the province's roll-up.
        await FederationFlow.WaitRollUpAsync(_province, plan.Id, plan.Tasks[0].Id, "nt-city", n => n.UnitsAssigned == 1);
    }

    [Fact]
    public async Task Reports_from_below_are_kept_only_where_the_cascade_asked_for_them_and_cut_to_what_a_liaison_can_file()
    {
        await FederationFlow.JoinAsync(_province, _city, "320600");
        var plan = await _province.IssuedPlanAsync("健全重大行政决策程序制度", "推进严格规范公正文明执法");
        var (silent, asked) = (Guid.Parse(plan.Tasks[0].Id), Guid.Parse(plan.Tasks[1].Id));
        await _province.Planning().CascadeTasksAsync(new CascadeTasksRequest { PlanId = plan.Id, TaskIds = { silent.ToString() }, ChildNodeIds = { "nt-city" } }, _province.Office());
        await _province.Planning().CascadeTasksAsync(
            new CascadeTasksRequest { PlanId = plan.Id, TaskIds = { asked.ToString() }, ChildNodeIds = { "nt-city" }, ReportsRequested = true }, _province.Office());

        // What a rogue city's edge could hand on: reports on a task that asked for none, and one far longer than a liaison can file.
        var longText = string.Concat(Enumerable.Repeat("行政决策合法性审查", 3000));
        Wire.NodeProgress Row(params Wire.RequestedReport[] reports) => new("nt-city", "js-province", 1, 1, 1, 0, 0, 0, DateTimeOffset.UtcNow, reports);
        Wire.RequestedReport Report(string text) => new("南通市司法局", 80, text, false, DateTimeOffset.UtcNow);
        await _province.InStoreAsync(async db =>
        {
            db.AddIntegrationEvent(new ChildProgressReceived("nt-city", silent, [Row(Report("未要求报送的报告"))], DateTimeOffset.UtcNow, "js-province"));
            db.AddIntegrationEvent(new ChildProgressReceived("nt-city", asked, [Row(Report(longText))], DateTimeOffset.UtcNow, "js-province"));
            return await db.SaveChangesAsync();
        });

        var kept = await FederationFlow.WaitRollUpAsync(_province, plan.Id, asked.ToString(), "nt-city", n => n.Reports.Count == 1);
        Assert.Equal(RequestedReports.MaxTextLength, kept.Reports[0].Text.Length);
        Assert.StartsWith("行政决策合法性审查", kept.Reports[0].Text, StringComparison.Ordinal);
        var none = await FederationFlow.WaitRollUpAsync(_province, plan.Id, silent.ToString(), "nt-city", n => n.UnitsAssigned == 1);
        Assert.Empty(none.Reports);
        Assert.Equal("[]", await _province.InPlanningStoreAsync(db => db.ChildProgress.Where(p => p.TaskId == silent).Select(p => p.ReportsJson).SingleAsync()));
    }

    [Fact]
    public async Task An_all_zero_message_id_is_refused_at_the_edge_naming_the_field_and_nothing_is_applied()
    {
        await FederationFlow.JoinAsync(_province, _city, "320600");
        // The city (as a rogue sender would) puts a message with the all-zero id on its parent link; its edge sends it as any other.
        await _city.InStoreAsync(async db =>
        {
            var parent = await db.Links.SingleAsync(l => l.Role == LinkRole.Parent);
            await LinkOutbox.EnqueueAsync(db, parent.Id, Guid.Empty, FederationFlows.TaskProgress, "{}", DateTimeOffset.UtcNow, default);
            return await db.SaveChangesAsync();
        });
        var refused = await Eventually.GetAsync(
            () => _city.InStoreAsync(db => db.LinkOutbox.Where(m => m.MessageId == Guid.Empty && m.LastError != null).Select(m => m.LastError).SingleOrDefaultAsync()),
            FederationFlow.Timeout, "the province to refuse the all-zero message id");
        Assert.Contains("InvalidArgument", refused, StringComparison.Ordinal);
        Assert.Contains("message_id", refused, StringComparison.Ordinal);
        Assert.Equal(0, await _province.InStoreAsync(db => db.LinkInbox.CountAsync(m => m.MessageId == Guid.Empty)));
    }

    private Task<int> ProgressReceivedAsync() =>
        _province.InStoreAsync(db => db.LinkInbox.CountAsync(m => m.WireName == FederationFlows.TaskProgress));

    public void Dispose()
    {
        _city.Dispose();
        _province.Dispose();
    }
}

/// <summary>A province, a city and a county in one test process, each with its own storage, ports and certificate.</summary>
public sealed class ThreeLevelFederationTests : IDisposable
{
    private readonly FederationNode _province = new("js-province", "Province", "320000");
    private readonly FederationNode _city = new("nt-city", "City", "320600");
    private readonly FederationNode _county = new("hm-county", "County", "320684");

    public ThreeLevelFederationTests()
    {
        _province.StartServer();
        _city.StartServer();
        _county.StartServer();
    }

    [Fact]
    public async Task A_task_cascades_two_levels_down_and_a_county_units_report_shows_in_the_citys_and_the_provinces_roll_up()
    {
        await FederationFlow.JoinAsync(_province, _city, "320600");
        await FederationFlow.JoinAsync(_city, _county, "320684");
        var plan = await _province.IssuedPlanAsync("全面推行行政执法公示制度");
        var task = plan.Tasks[0];
        await _province.Planning().CascadeTasksAsync(new CascadeTasksRequest { PlanId = plan.Id, ReportsRequested = true }, _province.Office());

        // The city takes it on for a unit of its own and sends it on to its county.
        var (cityTask, _, _) = await _city.AcceptAndAssignAsync(task.Id, "南通市司法局", "320600");
        await _city.Planning().CascadeTasksAsync(new CascadeTasksRequest { PlanId = cityTask.LocalPlanId, ReportsRequested = true }, _city.Office());
        var (countyTask, countyUnit, countyAssignment) = await _county.AcceptAndAssignAsync(cityTask.LocalTaskId, "海门区司法局", "320684");
        Assert.Equal(("nt-city", 1), (countyTask.SenderNodeId, countyTask.TaskNumber));

        await _county.Planning().ReportProgressAsync(
            new ReportProgressRequest { AssignmentId = countyAssignment.Id, Text = "行政执法公示平台已上线", Percent = 100, Final = true },
            _county.Liaison(countyUnit.Id));

        var atCity = await FederationFlow.WaitRollUpAsync(_city, cityTask.LocalPlanId, cityTask.LocalTaskId, "hm-county", n => n.UnitsCompleted == 1);
        Assert.Equal(("nt-city", 1, 1, 1), (atCity.ParentNodeId, atCity.UnitsAssigned, atCity.UnitsReported, atCity.ReportedOnTime));
        var atProvince = await FederationFlow.WaitRollUpAsync(_province, plan.Id, task.Id, "hm-county", n => n.UnitsCompleted == 1);
        Assert.Equal(("nt-city", 1, 1), (atProvince.ParentNodeId, atProvince.UnitsReported, atProvince.ReportedOnTime));
        Assert.Equal("行政执法公示平台已上线", Assert.Single(atProvince.Reports).Text);
        var city = await FederationFlow.WaitRollUpAsync(_province, plan.Id, task.Id, "nt-city", n => n.UnitsAssigned == 1);
        Assert.Equal(("js-province", 0), (city.ParentNodeId, city.UnitsReported));

        // The same roll-up over REST, read from the province's own store.
        using var http = new HttpClient { BaseAddress = _province.HttpAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", _province.Tokens.OfficeStaff());
        var json = await http.GetStringAsync($"/api/planning/v1/plans/{plan.Id}/roll-up");
        Assert.Contains("\"nodeId\":\"hm-county\"", json, StringComparison.Ordinal);
        Assert.Contains("\"parentNodeId\":\"nt-city\"", json, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _county.Dispose();
        _city.Dispose();
        _province.Dispose();
    }
}
