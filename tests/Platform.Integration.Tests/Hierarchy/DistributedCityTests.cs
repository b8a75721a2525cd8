using Npgsql;
using Platform.BuildingBlocks.Auth;
using Proto = Platform.Contracts.Federation.V1;
using Assessment = Platform.Contracts.Assessment.V1;
using Planning = Platform.Contracts.Planning.V1;

namespace Platform.Integration.Tests.Hierarchy;

/// <summary>
/// A distributed city node (its gateway with Federation enabled, its services on the real PostgreSQL,
/// RabbitMQ and Redis) between an embedded province and an embedded county, each a process of its own:
/// it enrols with its province and enrols its county exactly as an embedded node does; a province plan task goes
/// down through it to the county (its office accepting and cascading it on through the gateway's API) and the county's
/// report comes back up through it into the province's roll-up; a campaign goes the same way.
/// </summary>
[Collection(DistributedNodeCollection.Name)]
public sealed class DistributedCityTests(DistributedNode node) : IAsyncLifetime
{
    private readonly NodeHierarchy _hierarchy = new();
    private NodeProcess _province = null!;
    private NodeProcess _county = null!;

    public async Task InitializeAsync()
    {
        if (node.Infrastructure is null)
        {
            return;
        }
        _province = _hierarchy.Add("js-province", "Province", "320000", "江苏省委全面依法治省委员会办公室");
        _county = _hierarchy.Add("cc-county", "County", "320602", "崇川区委全面依法治区委员会办公室");
        try
        {
            await _hierarchy.StartAllAsync();
        }
        catch
        {
            await _hierarchy.DisposeAsync();
            throw;
        }
    }

    [SkippableFact]
    public async Task A_distributed_city_joins_an_embedded_province_and_county_and_messages_cross_its_gateway_both_ways()
    {
        node.SkipIfUnavailable();
        var city = new GatewayNode(node);
        await NodeHierarchy.JoinAsync(_province, city);
        await NodeHierarchy.JoinAsync(city, _county);

        var links = (await ((IFederatedNode)city).ListLinksAsync()).Select(l => (l.Role, l.PeerNodeId, l.PeerRegionCode, l.State)).OrderBy(l => l.Role).ToList();
        Assert.Equal([("child", "cc-county", "320602", "active"), ("parent", "js-province", "320000", "active")], links);

        await A_plan_task_goes_down_through_the_distributed_city_and_the_countys_report_comes_back_through_it();
        // Every message that crossed the distributed city's links arrived, once each and nothing left over.
        await Eventually.GetAsync<object>(async () =>
            (await ((IFederatedNode)city).ListLinksAsync()).All(l => l.Backlog == 0) && (await _county.ListLinksAsync()).Single().Backlog == 0
            && (await _province.ListLinksAsync()).Single().Backlog == 0 ? true : null,
            TimeSpan.FromSeconds(60), "every backlog around the distributed city to drain");
        Assert.Equal(0, (await _province.ListLinksAsync()).Single().Unrecognised);
        Assert.All(await ((IFederatedNode)city).ListLinksAsync(), l => Assert.Equal(0, l.Unrecognised));

        await A_campaign_goes_through_the_distributed_city_and_the_countys_counts_come_back_through_it();
        await A_calendar_update_reaches_each_service_of_the_distributed_city_and_goes_on_to_the_county();
    }

    /// <summary>
    /// ADR 0024 through the distributed city: the gateway puts the province's calendar update on RabbitMQ, and planning,
    /// notification and rectification, each in its own process, take it off their own queue and keep it in their own
    /// database; the gateway relays it to the county.
    /// </summary>
    private async Task A_calendar_update_reaches_each_service_of_the_distributed_city_and_goes_on_to_the_county()
    {
        var timeout = TimeSpan.FromSeconds(120);
        var update = new Planning.IssueCalendarUpdateRequest { Year = 2030, Notice = "国务院办公厅关于2030年部分节假日安排的通知" };
        update.Holidays.Add(new Planning.CalendarDay { Date = "2030-10-01", Name = "国庆节" });
        await _province.Planning().IssueCalendarUpdateAsync(update, await _province.OfficeAsync());
        foreach (var service in new[] { "planning", "notification", "rectification" })
        {
            await Eventually.GetAsync<object>(async () =>
            {
                await using var connection = new NpgsqlConnection(node.ServiceConnectionString(service));
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT count(*) FROM calendar_updates WHERE \"IssuerNodeId\" = 'js-province' AND \"Year\" = 2030", connection);
                return (long)(await command.ExecuteScalarAsync())! == 1 ? true : null;
            }, timeout, $"the province's calendar update kept by the distributed city's {service}");
        }
        var countyOffice = await _county.OfficeAsync();
        var atCounty = await Eventually.GetAsync(async () =>
            (await _county.Planning().ListCalendarUpdatesAsync(new Planning.ListCalendarUpdatesRequest { Year = 2030 }, countyOffice)).Updates.SingleOrDefault(u => u.InForce),
            timeout, "the province's calendar update in force at the county");
        Assert.Equal(("js-province", DistributedNode.NodeId), (atCounty.IssuerNodeId, atCounty.SenderNodeId));
    }

    /// <summary>
    /// ADR 0023 through the distributed city: its assessment service takes the province's campaign off RabbitMQ and its
    /// gateway sends it on to the county; the county's counts go up through the city to the province.
    /// </summary>
    private async Task A_campaign_goes_through_the_distributed_city_and_the_countys_counts_come_back_through_it()
    {
        var timeout = TimeSpan.FromSeconds(120);
        var countyOffice = await _county.OfficeAsync();
        var countyAssessment = new Assessment.AssessmentService.AssessmentServiceClient(_county.Channel());
        var unit = await _county.Planning().CreateUnitAsync(new() { Name = "崇川区人民政府", ShortName = "崇川区政府", Kind = "government", RegionCode = "320602" }, countyOffice);
        await Eventually.GetAsync(async () =>
            (await countyAssessment.ListAssessmentUnitsAsync(new() { PageSize = 500 }, countyOffice)).Units.FirstOrDefault(u => u.Id == unit.Id), timeout, "the county's unit in assessment");
        var head = await countyAssessment.CreatePersonAsync(new()
        {
            UnitId = unit.Id, Name = "张伟", Position = "区长", PostKind = "party_government_head", Rank = "正处级", TermStart = "2024-03-01",
        }, countyOffice);

        var provinceOffice = await _province.OfficeAsync();
        var provinceAssessment = new Assessment.AssessmentService.AssessmentServiceClient(_province.Channel());
        var campaign = await provinceAssessment.CreateCampaignAsync(new()
        {
            Title = "2026年度全省党政主要负责人述法", Year = 2026, Kind = "annual",
            Duties = { new Assessment.Duty { Level = "county", PostKind = "party_government_head" } },
        }, provinceOffice);
        await provinceAssessment.CascadeCampaignAsync(new() { CampaignId = campaign.Id }, provinceOffice);

        var cityOffice = SliceScenario.Bearer(node.Tokens.OfficeStaff());
        var cityAssessment = new Assessment.AssessmentService.AssessmentServiceClient(node.CreateGatewayChannel());
        var atCity = await Eventually.GetAsync(async () =>
            (await cityAssessment.ListCampaignsAsync(new(), cityOffice)).Campaigns.SingleOrDefault(c => c.OriginCampaignId == campaign.Id), timeout, "the campaign at the distributed city");
        var atCounty = await Eventually.GetAsync(async () =>
            (await countyAssessment.ListCampaignsAsync(new(), countyOffice)).Campaigns.SingleOrDefault(c => c.OriginCampaignId == atCity.Id), timeout, "the campaign at the county");
        await countyAssessment.GenerateRosterAsync(new() { CampaignId = atCounty.Id }, countyOffice);
        var entry = Assert.Single((await countyAssessment.ListRosterAsync(new() { CampaignId = atCounty.Id }, countyOffice)).Entries);
        await countyAssessment.SubmitDutyReportAsync(new() { EntryId = entry.Id, Form = "书面", Text = "履行推进法治建设第一责任人职责情况" }, await _county.LiaisonAsync(unit.Id));
        await countyAssessment.ReviewDutyReportAsync(new() { EntryId = entry.Id, Decision = "rate", Rating = "good", Comment = "内容具体" }, countyOffice);

        var county = await Eventually.GetAsync(async () =>
            (await provinceAssessment.GetCampaignRollUpAsync(new() { CampaignId = campaign.Id }, provinceOffice)).Nodes.SingleOrDefault(n => n.NodeId == "cc-county" && n.Total.Good == 1),
            timeout, "the county's rated report in the province's roll-up");
        Assert.Equal((DistributedNode.NodeId, 1), (county.ParentNodeId, county.Total.Reviewed));
        // The county head's dossier is at the distributed city, which assesses them.
        var below = await Eventually.GetAsync(async () =>
            (await new Assessment.DossierService.DossierServiceClient(node.CreateGatewayChannel()).ListDossiersFromBelowAsync(new(), cityOffice)).Dossiers.SingleOrDefault(d => d.PersonId == head.Id),
            timeout, "the county head's dossier at the distributed city");
        Assert.Equal("cc-county", below.NodeId);
    }

    /// <summary>
    /// ADR 0018 through the distributed city: the province cascades a plan task; the city's planning service receives it
    /// off RabbitMQ, its office accepts it and cascades it on to the county through the gateway's API; a county unit
    /// reports, and the province's roll-up shows the county's progress, which came up through the city.
    /// </summary>
    private async Task A_plan_task_goes_down_through_the_distributed_city_and_the_countys_report_comes_back_through_it()
    {
        var timeout = TimeSpan.FromSeconds(120);
        var provinceOffice = await _province.OfficeAsync();
        var plan = await _province.Planning().CreatePlanAsync(new Planning.CreatePlanRequest
        {
            Title = "2026年全省法治政府建设工作要点", Year = 2026,
            Tasks = { new Planning.NewTask { Title = "全面推行行政执法公示制度", Deadline = "2026-12-31" } },
        }, provinceOffice);
        plan = await _province.Planning().IssuePlanAsync(new Planning.IssuePlanRequest { PlanId = plan.Id }, provinceOffice);
        var task = Assert.Single(plan.Tasks);
        await _province.Planning().CascadeTasksAsync(new Planning.CascadeTasksRequest { PlanId = plan.Id, ReportsRequested = true }, provinceOffice);

        // The distributed city's office, through its gateway: the task arrives, is taken on and sent on to the county.
        var cityOffice = SliceScenario.Bearer(node.Tokens.OfficeStaff());
        var cityPlanning = new Planning.PlanningService.PlanningServiceClient(node.CreateGatewayChannel());
        var atCity = await Eventually.GetAsync(async () =>
            (await cityPlanning.ListReceivedTasksAsync(new(), cityOffice)).Tasks.SingleOrDefault(t => t.OriginTaskId == task.Id), timeout, "the province's task at the distributed city");
        Assert.Equal(("js-province", "received"), (atCity.SenderNodeId, atCity.Status));
        var accepted = await cityPlanning.AcceptReceivedTaskAsync(new Planning.AcceptReceivedTaskRequest { ReceivedTaskId = atCity.Id }, cityOffice);
        // The city's planning service learns of its approved child link by an event over RabbitMQ; until then it has no child to send to.
        await Eventually.GetAsync<object>(async () =>
        {
            try
            {
                await cityPlanning.CascadeTasksAsync(new Planning.CascadeTasksRequest
                {
                    PlanId = accepted.LocalPlanId, TaskIds = { accepted.LocalTaskId }, ChildNodeIds = { "cc-county" }, ReportsRequested = true,
                }, cityOffice);
                return true;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
            {
                return null;
            }
        }, timeout, "the distributed city's cascade to the county");

        // The county office takes it on and assigns it to a unit, whose liaison reports.
        var countyOffice = await _county.OfficeAsync();
        var countyPlanning = _county.Planning();
        var atCounty = await Eventually.GetAsync(async () =>
            (await countyPlanning.ListReceivedTasksAsync(new(), countyOffice)).Tasks.SingleOrDefault(t => t.OriginTaskId == accepted.LocalTaskId), timeout, "the city's task at the county");
        Assert.Equal(DistributedNode.NodeId, atCounty.SenderNodeId);
        var countyTask = await countyPlanning.AcceptReceivedTaskAsync(new Planning.AcceptReceivedTaskRequest { ReceivedTaskId = atCounty.Id }, countyOffice);
        var unit = await countyPlanning.CreateUnitAsync(new Planning.CreateUnitRequest { Name = "崇川区司法局", ShortName = "崇川区司法局", Kind = "department", RegionCode = "320602" }, countyOffice);
        var assignment = (await countyPlanning.AssignTaskAsync(new Planning.AssignTaskRequest { TaskId = countyTask.LocalTaskId, UnitId = unit.Id }, countyOffice)).Assignments.Single();
        await countyPlanning.ReportProgressAsync(new Planning.ReportProgressRequest { AssignmentId = assignment.Id, Text = "公示平台完成部署", Percent = 50 }, await _county.LiaisonAsync(unit.Id));

        // Up: the county's progress in the city's roll-up (its store on PostgreSQL) and, through the city, in the province's.
        var cityRow = await Eventually.GetAsync(async () =>
            (await cityPlanning.GetPlanRollUpAsync(new Planning.GetPlanRollUpRequest { PlanId = accepted.LocalPlanId }, cityOffice)).Tasks
                .Single(t => t.TaskId == accepted.LocalTaskId).Nodes.SingleOrDefault(n => n.NodeId == "cc-county" && n.UnitsReported == 1),
            timeout, "the county's report in the distributed city's roll-up");
        Assert.Equal(1, cityRow.UnitsAssigned);
        var provinceRow = await Eventually.GetAsync(async () =>
            (await _province.Planning().GetPlanRollUpAsync(new Planning.GetPlanRollUpRequest { PlanId = plan.Id }, provinceOffice)).Tasks
                .Single(t => t.TaskId == task.Id).Nodes.SingleOrDefault(n => n.NodeId == "cc-county" && n.UnitsReported == 1),
            timeout, "the county's report in the province's roll-up");
        Assert.Equal((DistributedNode.NodeId, 1), (provinceRow.ParentNodeId, provinceRow.UnitsAssigned));
        var report = Assert.Single(provinceRow.Reports);
        Assert.Equal(("公示平台完成部署", 50), (report.Text, report.Percent));
    }

    public async Task DisposeAsync() => await _hierarchy.DisposeAsync();

    /// <summary>The distributed node's gateway as its operator and its peers see it.</summary>
    private sealed class GatewayNode(DistributedNode node) : IFederatedNode
    {
        public string NodeId => DistributedNode.NodeId;

        public string RegionCode => "320600";

        public string FederationAddress => node.GatewayFederationAddress;

        public Proto.FederationLinks.FederationLinksClient Links() => new(node.CreateGatewayChannel());

        public Task<Metadata> OperatorAsync() =>
            Task.FromResult(SliceScenario.Bearer(node.Tokens.Issue("operator", null, PlatformRoles.NodeOperator)));
    }
}
