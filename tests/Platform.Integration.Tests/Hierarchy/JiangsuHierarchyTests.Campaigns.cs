using Grpc.Core;
using Platform.Contracts.Assessment.V1;
using Platform.Contracts.Planning.V1;

namespace Platform.Integration.Tests.Hierarchy;

/// <summary>
/// Duty-report campaigns across separate node processes (ADR 0023): a province campaign cascades two levels down, each node
/// makes its own roster, a county's reports roll up to the city and the province, and the county head's dossier reaches the
/// city. Then the county, and later the city between the province and its counties, is stopped while the levels around it
/// keep working: after each restart nothing is lost and nothing arrives twice.
/// </summary>
public sealed partial class JiangsuHierarchyTests
{
    [Fact]
    [Step(2)]
    public async Task A_province_campaign_reaches_every_county_rolls_up_from_one_and_survives_the_county_and_then_the_city_going_down()
    {
        var mayor = await AppointAsync(Nantong, "南通市人民政府", "government", "王建国", "市长", "party_government_head");
        var countyHead = await AppointAsync(Chongchuan, "崇川区人民政府", "government", "张伟", "区长", "party_government_head");
        var bureauHead = await AppointAsync(Chongchuan, "崇川区市场监督管理局", "department", "李娜", "局长", "department_head");

        var campaign = await Assessment(Province).CreateCampaignAsync(new CreateCampaignRequest
        {
            Title = "2026年度全省党政主要负责人述法", Year = 2026, Kind = "annual",
            Duties =
            {
                new Duty { Level = "city", PostKind = "party_government_head" },
                new Duty { Level = "county", PostKind = "party_government_head" },
                new Duty { Level = "county", PostKind = "department_head" },
            },
        }, await Province.OfficeAsync());
        await Assessment(Province).CascadeCampaignAsync(new CascadeCampaignRequest { CampaignId = campaign.Id }, await Province.OfficeAsync());

        // Both cities have it from the province, both counties from Nantong.
        var atNantong = await CampaignAsync(Nantong, campaign.Id, _ => true);
        await CampaignAsync(Suzhou, campaign.Id, _ => true);
        var atChongchuan = await CampaignAsync(Chongchuan, atNantong.Id, _ => true);
        await CampaignAsync(Tongzhou, atNantong.Id, _ => true);

        Assert.Equal(2, (await Assessment(Chongchuan).GenerateRosterAsync(new GenerateRosterRequest { CampaignId = atChongchuan.Id }, await Chongchuan.OfficeAsync())).Added);
        Assert.Equal(1, (await Assessment(Nantong).GenerateRosterAsync(new GenerateRosterRequest { CampaignId = atNantong.Id }, await Nantong.OfficeAsync())).Added);
        await SubmitAndRateAsync(Chongchuan, atChongchuan.Id, countyHead, "excellent");

        var atCity = await RollUpAsync(Nantong, atNantong.Id, "cc-county", n => n.Total.Reviewed == 1);
        Assert.Equal(("nt-city", 2, 1), (atCity.ParentNodeId, atCity.Total.Due, atCity.Total.Excellent));
        await RollUpAsync(Province, campaign.Id, "cc-county", n => n.Total.Reviewed == 1);
        await RollUpAsync(Province, campaign.Id, "nt-city", n => n.Total.Due == 1);
        await RollUpAsync(Province, campaign.Id, "tz-county", n => n.Total.Due == 0);
        await RollUpAsync(Province, campaign.Id, "sz-city", n => n.Total.Due == 0);

        // The county head's dossier is at the city, with the rated report; the province has the mayor's, not the county head's.
        var dossier = await Eventually.GetAsync(async () =>
        {
            var d = await DossiersAsync(Nantong, countyHead.Id);
            return d?.DutyReports.Any(r => r.Rating == "excellent") == true ? d : null;
        }, Timeout, "the county head's dossier at Nantong");
        Assert.Equal(("cc-county", "320602"), (dossier.NodeId, dossier.RegionCode));
        await Eventually.GetAsync(() => DossiersAsync(Province, mayor.Id), Timeout, "the mayor's dossier at the province");
        Assert.Null(await DossiersAsync(Province, countyHead.Id));

        // The county goes down; the province revises its campaign, and Nantong passes the revision on.
        await Chongchuan.StopAsync();
        await Assessment(Province).ReviseCampaignAsync(new ReviseCampaignRequest
        {
            CampaignId = campaign.Id, Title = "2026年度全省党政主要负责人和部门主要负责人述法",
            Duties =
            {
                new Duty { Level = "city", PostKind = "party_government_head" },
                new Duty { Level = "city", PostKind = "department_head" },
                new Duty { Level = "county", PostKind = "party_government_head" },
                new Duty { Level = "county", PostKind = "department_head" },
            },
        }, await Province.OfficeAsync());
        await CampaignAsync(Nantong, campaign.Id, c => c.Revision == 1);
        await Until(async () => (await NodeHierarchy.LinkAsync(Nantong, Chongchuan)).Backlog > 0, "the revision to wait for Chongchuan");
        await Chongchuan.StartAsync();
        var revised = await CampaignAsync(Chongchuan, atNantong.Id, c => c.Revision == 1);
        Assert.Equal((atChongchuan.Id, 4), (revised.Id, revised.Duties.Count));
        // The county's roster and its rated report are as they were.
        var roster = (await Assessment(Chongchuan).ListRosterAsync(new ListRosterRequest { CampaignId = atChongchuan.Id }, await Chongchuan.OfficeAsync())).Entries;
        Assert.Equal(2, roster.Count);
        Assert.Equal(("reviewed", "excellent"), (roster.Single(e => e.PersonId == countyHead.Id).Status, roster.Single(e => e.PersonId == countyHead.Id).Rating));
        await Until(async () => (await NodeHierarchy.LinkAsync(Nantong, Chongchuan)).Backlog == 0, "Nantong's backlog for Chongchuan to drain");

        // The city goes down between them: the county's second report waits for it, and reaches the province after.
        await Nantong.StopAsync();
        await SubmitAndRateAsync(Chongchuan, atChongchuan.Id, bureauHead, "good");
        await Until(async () => (await NodeHierarchy.LinkAsync(Chongchuan, Nantong)).Backlog > 0, "the county's counts to wait for Nantong");
        await Nantong.StartAsync();
        var final = await RollUpAsync(Province, campaign.Id, "cc-county", n => n.Total.Reviewed == 2);
        Assert.Equal((2, 2, 1, 1), (final.Total.Due, final.Total.Submitted, final.Total.Excellent, final.Total.Good));
        await Until(async () => (await NodeHierarchy.LinkAsync(Chongchuan, Nantong)).Backlog == 0
            && (await NodeHierarchy.LinkAsync(Nantong, Province)).Backlog == 0, "the backlogs towards the province to drain");
        await AssertOnceEachAsync(Province, Nantong);
        await AssertOnceEachAsync(Nantong, Chongchuan);
        await AssertOnceEachAsync(Chongchuan, Nantong);
        await AssertOnceEachAsync(Nantong, Province);
        // One campaign at each node below, the revision included.
        Assert.Single((await Assessment(Chongchuan).ListCampaignsAsync(new ListCampaignsRequest(), await Chongchuan.OfficeAsync())).Campaigns);
        Assert.Single((await Assessment(Nantong).ListCampaignsAsync(new ListCampaignsRequest(), await Nantong.OfficeAsync())).Campaigns);
    }

    private static AssessmentService.AssessmentServiceClient Assessment(NodeProcess node) => new(node.Channel());

    private static async Task<Person> AppointAsync(NodeProcess node, string unitName, string kind, string name, string position, string postKind)
    {
        var office = await node.OfficeAsync();
        var unit = await node.Planning().CreateUnitAsync(new CreateUnitRequest { Name = unitName, ShortName = unitName, Kind = kind, RegionCode = node.RegionCode }, office);
        await Eventually.GetAsync(async () =>
            (await Assessment(node).ListAssessmentUnitsAsync(new ListAssessmentUnitsRequest { PageSize = 500 }, office)).Units.FirstOrDefault(u => u.Id == unit.Id),
            Timeout, $"{unitName} in {node.NodeId}'s assessment");
        return await Assessment(node).CreatePersonAsync(new CreatePersonRequest
        {
            UnitId = unit.Id, Name = name, Position = position, PostKind = postKind, Rank = "正处级", TermStart = "2024-03-01",
        }, office);
    }

    private static async Task SubmitAndRateAsync(NodeProcess node, string campaignId, Person person, string rating)
    {
        var office = await node.OfficeAsync();
        var entry = (await Assessment(node).ListRosterAsync(new ListRosterRequest { CampaignId = campaignId, UnitId = person.UnitId }, office)).Entries.Single(e => e.PersonId == person.Id);
        await Assessment(node).SubmitDutyReportAsync(new SubmitDutyReportRequest
        {
            EntryId = entry.Id, Form = "书面", Text = $"{person.Name}同志履行推进法治建设第一责任人职责情况的报告",
        }, await node.LiaisonAsync(person.UnitId));
        await Assessment(node).ReviewDutyReportAsync(new ReviewDutyReportRequest { EntryId = entry.Id, Decision = "rate", Rating = rating, Comment = "述法内容具体" }, office);
    }

    private static async Task<Campaign> CampaignAsync(NodeProcess node, string originCampaignId, Func<Campaign, bool> condition)
    {
        var office = await node.OfficeAsync();
        return await Eventually.GetAsync(async () =>
            (await Assessment(node).ListCampaignsAsync(new ListCampaignsRequest(), office)).Campaigns.SingleOrDefault(c => c.OriginCampaignId == originCampaignId && condition(c)),
            Timeout, $"campaign {originCampaignId} at {node.NodeId}");
    }

    private static async Task<CampaignNodeRollUp> RollUpAsync(NodeProcess node, string campaignId, string nodeId, Func<CampaignNodeRollUp, bool> condition)
    {
        var office = await node.OfficeAsync();
        return await Eventually.GetAsync(async () =>
            (await Assessment(node).GetCampaignRollUpAsync(new GetCampaignRollUpRequest { CampaignId = campaignId }, office)).Nodes.SingleOrDefault(n => n.NodeId == nodeId && condition(n)),
            Timeout, $"{nodeId} in {node.NodeId}'s roll-up of campaign {campaignId}");
    }

    /// <summary>The dossier of a person of a node below, as <paramref name="node"/>'s office reads it; null while it has none.</summary>
    private static async Task<Dossier?> DossiersAsync(NodeProcess node, string personId)
    {
        try
        {
            return await new DossierService.DossierServiceClient(node.Channel()).GetDossierAsync(new GetDossierRequest { PersonId = personId }, await node.OfficeAsync());
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }
}
