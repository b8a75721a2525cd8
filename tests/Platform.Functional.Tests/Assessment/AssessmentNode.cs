using Grpc.Core;
using Microsoft.AspNetCore.Hosting;
using Platform.Contracts.Assessment.V1;
using Platform.Contracts.Planning.V1;
using Platform.Testing;

namespace Platform.Functional.Tests.Assessment;

/// <summary>An embedded node for assessment: units are made in planning and reach assessment by event.</summary>
public class AssessmentNode : EmbeddedNodeFactory
{
    protected override void ConfigureNode(IWebHostBuilder builder) => builder.UseSetting("Edge:RateLimit:Enabled", "false");

    public AssessmentService.AssessmentServiceClient Assessment => new(CreateGrpcChannel());

    public PlanningService.PlanningServiceClient Planning => new(CreateGrpcChannel());

    public EvaluationService.EvaluationServiceClient Evaluation => new(CreateGrpcChannel());

    public Metadata Clerk => SliceScenario.Bearer(Tokens.OfficeStaff());

    public Metadata Observer => SliceScenario.Bearer(Tokens.Observer());

    public Metadata LiaisonOf(string unitId) => SliceScenario.Bearer(Tokens.Liaison(Guid.Parse(unitId), "liaison-" + unitId[..8]));

    public Task<Person> AppointAsync(AssessmentUnit unit, string name, string postKind, string termStart = "2024-03-01") =>
        Assessment.CreatePersonAsync(new CreatePersonRequest
        {
            UnitId = unit.Id, Name = name, Position = "局长", PostKind = postKind, Rank = "正处级", TermStart = termStart,
        }, Clerk).ResponseAsync;

    /// <summary>A campaign of <paramref name="year"/> whose duty list names county department heads, its roster run, and <paramref name="person"/>'s entry under <paramref name="unit"/>.</summary>
    public async Task<(Campaign Campaign, RosterEntry Entry)> CountyHeadEntryAsync(AssessmentUnit unit, Person person, string title, int year)
    {
        var campaign = await Assessment.CreateCampaignAsync(new CreateCampaignRequest
        {
            Title = title, Year = year, Kind = "annual", Duties = { new Duty { Level = "county", PostKind = "department_head" } },
        }, Clerk);
        await Assessment.GenerateRosterAsync(new GenerateRosterRequest { CampaignId = campaign.Id }, Clerk);
        var entry = (await Assessment.ListRosterAsync(new ListRosterRequest { CampaignId = campaign.Id, UnitId = unit.Id }, Clerk)).Entries.Single(e => e.PersonId == person.Id);
        return (campaign, entry);
    }

    /// <summary>A year's tree of one manual leaf, 1.1, shared 40 % routine and 60 % annual.</summary>
    public Task SetOneLeafTreeAsync(int year) => Evaluation.SetIndicatorSystemAsync(new SetIndicatorSystemRequest
    {
        Year = year, RoutineShare = 40, AnnualShare = 60,
        Indicators =
        {
            new Indicator { Code = "1", Name = "依法行政", Weight = 100 },
            new Indicator { Code = "1.1", ParentCode = "1", Name = "综合评价", Weight = 100, Scoring = "manual" },
        },
    }, Clerk).ResponseAsync;

    /// <summary>A unit created in planning, returned once assessment has it from planning's event.</summary>
    public async Task<AssessmentUnit> UnitAsync(string name, string? shortName = null, string regionCode = "320600", string kind = "department")
    {
        var unit = await Planning.CreateUnitAsync(new CreateUnitRequest
        {
            Name = name + SliceScenario.UniqueName("#"), ShortName = shortName ?? string.Empty, Kind = kind, RegionCode = regionCode,
        }, Clerk);
        return await Eventually.GetAsync(
            async () => (await Assessment.ListAssessmentUnitsAsync(new ListAssessmentUnitsRequest { PageSize = 500 }, Clerk)).Units.FirstOrDefault(u => u.Id == unit.Id),
            TimeSpan.FromSeconds(30), "unit " + unit.Name + " in assessment");
    }
}
