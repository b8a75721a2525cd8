using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Assessment.Module.Infrastructure;
using Platform.BuildingBlocks.Federation;
using Platform.Contracts.Assessment.V1;
using Platform.Contracts.Planning.V1;

namespace Platform.Functional.Tests.Federation;

/// <summary>Speaks assessment to a federation node, as its office, a unit or an observer would (ADR 0023).</summary>
public static class CampaignFlow
{
    public static AssessmentService.AssessmentServiceClient Assessment(this FederationNode node) => new(node.KestrelChannel());

    public static DossierService.DossierServiceClient Dossiers(this FederationNode node) => new(node.KestrelChannel());

    public static async Task<T> InAssessmentStoreAsync<T>(this FederationNode node, Func<AssessmentDbContext, Task<T>> read)
    {
        await using var scope = node.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<AssessmentDbContext>());
    }

    /// <summary>A unit made in planning, once assessment has it from planning's event.</summary>
    public static async Task<AssessmentUnit> UnitAsync(this FederationNode node, string name, string kind, string region)
    {
        var unit = await node.Planning().CreateUnitAsync(new CreateUnitRequest { Name = name, ShortName = name, Kind = kind, RegionCode = region }, node.Office());
        return await Eventually.GetAsync(
            async () => (await node.Assessment().ListAssessmentUnitsAsync(new ListAssessmentUnitsRequest { PageSize = 500 }, node.Office())).Units.FirstOrDefault(u => u.Id == unit.Id),
            FederationFlow.Timeout, $"unit {name} in assessment");
    }

    public static async Task<Person> AppointAsync(this FederationNode node, AssessmentUnit unit, string name, string position, string postKind) =>
        await node.Assessment().CreatePersonAsync(new CreatePersonRequest
        {
            UnitId = unit.Id, Name = name, Position = position, PostKind = postKind, Rank = "正处级", TermStart = "2024-03-01",
        }, node.Office());

    public static Task<Campaign> WaitCampaignAsync(this FederationNode node, string originCampaignId, Func<Campaign, bool> condition) =>
        Eventually.GetAsync(async () =>
            (await node.Assessment().ListCampaignsAsync(new ListCampaignsRequest(), node.Office())).Campaigns.SingleOrDefault(c => c.OriginCampaignId == originCampaignId && condition(c)),
            FederationFlow.Timeout, $"campaign {originCampaignId} at the node below");

    public static Task<CampaignNodeRollUp> WaitRollUpAsync(this FederationNode node, string campaignId, string nodeId, Func<CampaignNodeRollUp, bool> condition) =>
        Eventually.GetAsync(async () =>
            (await node.Assessment().GetCampaignRollUpAsync(new GetCampaignRollUpRequest { CampaignId = campaignId, GroupBy = "post_kind" }, node.Office()))
                .Nodes.SingleOrDefault(n => n.NodeId == nodeId && condition(n)),
            FederationFlow.Timeout, $"{nodeId} in the roll-up of campaign {campaignId}");

    public static async Task<RosterEntry> EntryAsync(this FederationNode node, string campaignId, Person person) =>
        (await node.Assessment().ListRosterAsync(new ListRosterRequest { CampaignId = campaignId, UnitId = person.UnitId }, node.Office())).Entries.Single(e => e.PersonId == person.Id);

    /// <summary>The person's unit submits a written report and the office rates it.</summary>
    public static async Task SubmitAndRateAsync(this FederationNode node, string campaignId, Person person, string rating)
    {
        var entry = await node.EntryAsync(campaignId, person);
        await node.Assessment().SubmitDutyReportAsync(new SubmitDutyReportRequest
        {
            EntryId = entry.Id, Form = "书面", Text = $"{person.Name}同志履行推进法治建设第一责任人职责情况的报告",
        }, node.Liaison(person.UnitId));
        await node.Assessment().ReviewDutyReportAsync(new ReviewDutyReportRequest { EntryId = entry.Id, Decision = "rate", Rating = rating, Comment = "述法内容具体" }, node.Office());
    }

    public static CreateCampaignRequest ProvinceCampaign() => new()
    {
        Title = "2026年度全省党政主要负责人述法",
        Year = 2026,
        Kind = "annual",
        Duties =
        {
            new Duty { Level = "city", PostKind = "party_government_head" },
            new Duty { Level = "county", PostKind = "party_government_head" },
            new Duty { Level = "county", PostKind = "department_head" },
        },
    };
}

/// <summary>A province, a city and a county in one process: a campaign cascades two levels, counts and heads' dossiers come up (ADR 0023).</summary>
public sealed class CampaignFederationTests : IDisposable
{
    private readonly FederationNode _province = new("js-province", "Province", "320000");
    private readonly FederationNode _city = new("nt-city", "City", "320600");
    private readonly FederationNode _county = new("cc-county", "County", "320602");

    public CampaignFederationTests()
    {
        _province.StartServer();
        _city.StartServer();
        _county.StartServer();
    }

    [Fact]
    public async Task A_province_campaign_cascades_two_levels_each_node_makes_its_own_roster_and_the_counts_and_the_heads_dossiers_come_up()
    {
        await FederationFlow.JoinAsync(_province, _city, "320600");
        await FederationFlow.JoinAsync(_city, _county, "320602");
        var cityGovernment = await _city.UnitAsync("南通市人民政府", "government", "320600");
        var mayor = await _city.AppointAsync(cityGovernment, "王建国", "市长", "party_government_head");
        var countyGovernment = await _county.UnitAsync("崇川区人民政府", "government", "320602");
        var justice = await _county.UnitAsync("崇川区司法局", "department", "320602");
        var countyHead = await _county.AppointAsync(countyGovernment, "张伟", "区长", "party_government_head");
        var bureauHead = await _county.AppointAsync(justice, "李娜", "局长", "department_head");

        var campaign = await _province.Assessment().CreateCampaignAsync(CampaignFlow.ProvinceCampaign(), _province.Office());
        // Only the office sends a campaign down; a bad id names the field.
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(async () => await _province.Assessment().CascadeCampaignAsync(
            new CascadeCampaignRequest { CampaignId = campaign.Id }, SliceScenario.Bearer(_province.Tokens.Observer())))).StatusCode);
        var invalid = await Assert.ThrowsAsync<RpcException>(async () => await _province.Assessment().CascadeCampaignAsync(new CascadeCampaignRequest { CampaignId = "x" }, _province.Office()));
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Contains("campaign_id", invalid.Status.Detail, StringComparison.Ordinal);
        var cascaded = await _province.Assessment().CascadeCampaignAsync(new CascadeCampaignRequest { CampaignId = campaign.Id }, _province.Office());
        Assert.NotEmpty(cascaded.CascadedAt);

        // The city has it from the province and sends it on; the county has it from the city, duty list and forms whole.
        var atCity = await _city.WaitCampaignAsync(campaign.Id, _ => true);
        Assert.Equal(("js-province", campaign.Title, 0, 3), (atCity.OriginNodeId, atCity.Title, atCity.Revision, atCity.Duties.Count));
        var atCounty = await _county.WaitCampaignAsync(atCity.Id, _ => true);
        Assert.Equal("nt-city", atCounty.OriginNodeId);
        Assert.Equal(campaign.Forms, atCounty.Forms);
        Assert.Equal(campaign.PublicEvaluationForms, atCounty.PublicEvaluationForms);

        // 应述尽述 per node: each generates its roster from its own people.
        Assert.Equal(2, (await _county.Assessment().GenerateRosterAsync(new GenerateRosterRequest { CampaignId = atCounty.Id }, _county.Office())).Added);
        Assert.Equal(1, (await _city.Assessment().GenerateRosterAsync(new GenerateRosterRequest { CampaignId = atCity.Id }, _city.Office())).Added);
        await _county.SubmitAndRateAsync(atCounty.Id, countyHead, "excellent");
        await _county.SubmitAndRateAsync(atCounty.Id, bureauHead, "good");

        var countyAtCity = await _city.WaitRollUpAsync(atCity.Id, "cc-county", n => n.Total.Reviewed == 2);
        Assert.Equal(("nt-city", "320602", 2, 2, 1, 1), (countyAtCity.ParentNodeId, countyAtCity.RegionCode, countyAtCity.Total.Due, countyAtCity.Total.Submitted, countyAtCity.Total.Excellent, countyAtCity.Total.Good));
        Assert.Equal(["department_head", "party_government_head"], countyAtCity.Rows.Select(r => r.Key));
        var countyAtProvince = await _province.WaitRollUpAsync(campaign.Id, "cc-county", n => n.Total.Reviewed == 2);
        Assert.Equal("nt-city", countyAtProvince.ParentNodeId);
        var cityAtProvince = await _province.WaitRollUpAsync(campaign.Id, "nt-city", n => n.Total.Due == 1);
        Assert.Equal(("js-province", 0), (cityAtProvince.ParentNodeId, cityAtProvince.Total.Submitted));
        var rollUp = await _province.Assessment().GetCampaignRollUpAsync(new GetCampaignRollUpRequest { CampaignId = campaign.Id, GroupBy = "unit" }, _province.Office());
        Assert.Equal(["js-province", "cc-county", "nt-city"], rollUp.Nodes.Select(n => n.NodeId));
        Assert.Equal((3, 2, 2), (rollUp.Total.Due, rollUp.Total.Submitted, rollUp.Total.Reviewed));
        Assert.Equal(["崇川区人民政府", "崇川区司法局"], rollUp.Nodes.Single(n => n.NodeId == "cc-county").Rows.Select(r => r.Label).Order(StringComparer.Ordinal));

        // Numbers only go up: no reporter's name or report text is on the province's links or in its store.
        var upstream = await _city.InStoreAsync(db => db.LinkOutbox.Where(m => m.WireName == FederationCampaignFlows.CampaignProgress).Select(m => m.Payload).ToListAsync());
        Assert.NotEmpty(upstream);
        Assert.DoesNotContain(upstream, p => p.Contains("李娜", StringComparison.Ordinal) || p.Contains("职责情况的报告", StringComparison.Ordinal));

        // The county head's dossier goes to the city, which assesses them (下管一级), and not on to the province.
        var below = await Eventually.GetAsync(async () =>
            (await _city.Dossiers().ListDossiersFromBelowAsync(new ListDossiersFromBelowRequest(), _city.Office())).Dossiers.SingleOrDefault(d => d.PersonId == countyHead.Id),
            FederationFlow.Timeout, "the county head's dossier at the city");
        Assert.Equal(("cc-county", "320602", "张伟", "崇川区人民政府", "party_government_head", true), (below.NodeId, below.RegionCode, below.Name, below.UnitName, below.PostKind, below.Serving));
        var dossier = await Eventually.GetAsync(async () =>
        {
            var d = await _city.Dossiers().GetDossierAsync(new GetDossierRequest { PersonId = countyHead.Id }, SliceScenario.Bearer(_city.Tokens.Observer()));
            return d.DutyReports.Any(r => r.Rating == "excellent") ? d : null;
        }, FederationFlow.Timeout, "the county head's rated report in the dossier at the city");
        Assert.Equal(("张伟", "cc-county", "320602", campaign.Title), (dossier.Person.Name, dossier.NodeId, dossier.RegionCode, Assert.Single(dossier.DutyReports).CampaignTitle));
        var file = await _city.Dossiers().ExportDossierAsync(new GetDossierRequest { PersonId = countyHead.Id }, _city.Office());
        Assert.Equal("张伟法治档案.docx", file.FileName);
        Assert.Contains("cc-county", DocxText(file.Content.ToByteArray()), StringComparison.Ordinal);
        // A unit of the city reads no dossier from below; the department head's dossier never came up.
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(async () =>
            await _city.Dossiers().GetDossierAsync(new GetDossierRequest { PersonId = countyHead.Id }, _city.Liaison(cityGovernment.Id)))).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(async () =>
            await _city.Dossiers().GetDossierAsync(new GetDossierRequest { PersonId = bureauHead.Id }, _city.Office()))).StatusCode);
        // The province sees the city's head, not the county's.
        await Eventually.GetAsync(async () =>
            (await _province.Dossiers().ListDossiersFromBelowAsync(new ListDossiersFromBelowRequest(), _province.Office())).Dossiers.SingleOrDefault(d => d.PersonId == mayor.Id),
            FederationFlow.Timeout, "the mayor's dossier at the province");
        Assert.DoesNotContain((await _province.Dossiers().ListDossiersFromBelowAsync(new ListDossiersFromBelowRequest(), _province.Office())).Dossiers, d => d.PersonId == countyHead.Id);
    }

    [Fact]
    public async Task A_revision_made_while_the_city_was_unreachable_arrives_once_and_leaves_the_citys_roster_and_reports_alone()
    {
        await FederationFlow.JoinAsync(_province, _city, "320600");
        var government = await _city.UnitAsync("南通市人民政府", "government", "320600");
        var mayor = await _city.AppointAsync(government, "王建国", "市长", "party_government_head");
        var campaign = await _province.Assessment().CreateCampaignAsync(CampaignFlow.ProvinceCampaign(), _province.Office());
        await _province.Assessment().CascadeCampaignAsync(new CascadeCampaignRequest { CampaignId = campaign.Id }, _province.Office());
        var atCity = await _city.WaitCampaignAsync(campaign.Id, _ => true);
        await _city.Assessment().GenerateRosterAsync(new GenerateRosterRequest { CampaignId = atCity.Id }, _city.Office());
        var entry = await _city.EntryAsync(atCity.Id, mayor);

        // The city drops off the network; the province revises the campaign, and the city's mayor reports meanwhile.
        var linkId = await _province.InStoreAsync(db => db.Links.Where(l => l.PeerNodeId == "nt-city").Select(l => l.Id).SingleAsync());
        var address = await _province.SetPeerAddressAsync(linkId, "https://127.0.0.1:9");
        var revision = CampaignFlow.ProvinceCampaign();
        var revised = await _province.Assessment().ReviseCampaignAsync(new ReviseCampaignRequest
        {
            CampaignId = campaign.Id, Title = "2026年度全省党政主要负责人和部门主要负责人述法", Duties = { revision.Duties, new Duty { Level = "city", PostKind = "department_head" } },
        }, _province.Office());
        Assert.Equal(1, revised.Revision);
        await FederationFlow.Until(() => _province.InStoreAsync(db =>
            db.LinkOutbox.AnyAsync(m => m.LinkId == linkId && m.WireName == FederationCampaignFlows.CascadedCampaign && m.DeliveredAt == null && m.Attempts > 0)),
            "the revision to wait in the backlog");
        await _city.Assessment().SubmitDutyReportAsync(new SubmitDutyReportRequest { EntryId = entry.Id, Form = "书面", Text = "履行第一责任人职责情况" }, _city.Liaison(government.Id));

        await _province.SetPeerAddressAsync(linkId, address);
        var received = await _city.WaitCampaignAsync(campaign.Id, c => c.Revision == 1);
        Assert.Equal((atCity.Id, "2026年度全省党政主要负责人和部门主要负责人述法", 4), (received.Id, received.Title, received.Duties.Count));
        // The report made during the outage is still the mayor's; one campaign, one message per change on the link.
        Assert.Equal("submitted", (await _city.EntryAsync(atCity.Id, mayor)).Status);
        Assert.Single((await _city.Assessment().ListCampaignsAsync(new ListCampaignsRequest(), _city.Office())).Campaigns);
        Assert.Equal(2, await _province.InStoreAsync(db => db.LinkOutbox.CountAsync(m => m.LinkId == linkId && m.WireName == FederationCampaignFlows.CascadedCampaign)));
        await _province.WaitRollUpAsync(campaign.Id, "nt-city", n => n.Total.Submitted == 1);
        // A campaign from above is revised above only.
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await _city.Assessment().ReviseCampaignAsync(new ReviseCampaignRequest
        {
            CampaignId = atCity.Id, Title = "南通市述法", Duties = { new Duty { Level = "city", PostKind = "party_government_head" } },
        }, _city.Office()));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
    }

    private static string DocxText(byte[] docx)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(docx));
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        return reader.ReadToEnd();
    }

    public void Dispose()
    {
        _county.Dispose();
        _city.Dispose();
        _province.Dispose();
    }
}
