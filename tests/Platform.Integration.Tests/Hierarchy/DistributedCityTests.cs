using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Federation;
using Proto = Platform.Contracts.Federation.V1;
using Assessment = Platform.Contracts.Assessment.V1;

namespace Platform.Integration.Tests.Hierarchy;

/// <summary>
/// A distributed city node (its gateway with Federation enabled, its services on the real PostgreSQL,
/// RabbitMQ and Redis) between an embedded province and an embedded county, each a process of its own:
/// it enrols with its province and enrols its county exactly as an embedded node does, and messages
/// cross its gateway's listener both ways.
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

        // Down from the province and up from the county, both into the distributed city's listener.
        var provinceLink = await NodeHierarchy.LinkAsync(_province, city);
        await EnqueueAsync(_province, Guid.Parse(provinceLink.LinkId), "2026年法治建设工作要点");
        var countyLink = await NodeHierarchy.LinkAsync(_county, city);
        await EnqueueAsync(_county, Guid.Parse(countyLink.LinkId), "崇川区第一季度进展");
        // Down from the city (its store on PostgreSQL) to the county.
        var cityToCounty = await NodeHierarchy.LinkAsync(city, _county);
        var options = new DbContextOptionsBuilder<PostgresFederationDbContext>().UseNpgsql(node.FederationConnectionString).Options;
        await using (var db = new PostgresFederationDbContext(options))
        {
            await LinkOutbox.EnqueueAsync(db, Guid.Parse(cityToCounty.LinkId), Guid.CreateVersion7(), "federation.hierarchy_probe.v1", "南通市督察通知", DateTimeOffset.UtcNow, CancellationToken.None);
            await db.SaveChangesAsync();
        }

        await Eventually.GetAsync<object>(async () =>
        {
            var atCity = await ((IFederatedNode)city).ListLinksAsync();
            var atCounty = await _county.ListLinksAsync();
            var atProvince = await _province.ListLinksAsync();
            return atCity.All(l => l.Unrecognised == 1 && l.Backlog == 0)
                && atCounty.Single().Unrecognised == 1 && atCounty.Single().Backlog == 0
                && atProvince.Single().Backlog == 0
                ? true : null;
        }, TimeSpan.FromSeconds(60), "each message across the distributed city's links");
        // The county's message stops at the city: nothing is passed on without a flow that sends it.
        Assert.Equal(0, (await _province.ListLinksAsync()).Single().Unrecognised);

        await A_campaign_goes_through_the_distributed_city_and_the_countys_counts_come_back_through_it();
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

    private static Task EnqueueAsync(NodeProcess sender, Guid linkId, string text) => sender.InStoreAsync(async db =>
    {
        await LinkOutbox.EnqueueAsync(db, linkId, Guid.CreateVersion7(), "federation.hierarchy_probe.v1", text, DateTimeOffset.UtcNow, CancellationToken.None);
        return await db.SaveChangesAsync();
    });

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
