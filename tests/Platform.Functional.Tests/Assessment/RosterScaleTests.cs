using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Platform.Assessment.Module.Infrastructure;
using Platform.Contracts.Assessment.V1;
using Xunit;
using Xunit.Abstractions;
using Domain = Platform.Assessment.Module.Domain;

namespace Platform.Functional.Tests.Assessment;

/// <summary>
/// The roster of a province campaign of Gansu's size (34,144 reporters in the seed's composition, spread over 100 city
/// and county units): every reporter is on it once, and a second run adds nothing. The people are written straight into
/// the node's store (importing them is the benchmark's business). The time of each run is printed for
/// docs/assessment.md; nothing asserts on it, because the build machine's load decides it. Seeding the people takes minutes, so a plain
/// ./test.sh leaves it out: run it with ./test.sh --filter "Category=Scale".
/// </summary>
[Trait("Category", "Scale")]
public sealed class RosterScaleTests(AssessmentNode node, ITestOutputHelper output) : IClassFixture<AssessmentNode>
{
    private const int Reporters = 34_144;

    [Fact]
    public async Task A_roster_of_34144_reporters_holds_each_once()
    {
        var units = new List<Domain.AssessmentUnit>();
        for (var i = 0; i < 100; i++)
        {
            // 14 cities (62xx00) and 86 counties (62xxyy) of province 62.
            var region = i < 14 ? $"62{i + 1:00}00" : $"62{(i % 14) + 1:00}{i:00}";
            units.Add(Domain.AssessmentUnit.Create(Guid.CreateVersion7(), $"甘肃单位{i}#{Guid.NewGuid():N}"[..20], string.Empty, "department", region, DateTimeOffset.UtcNow));
        }
        // The seed's composition: 1,791 leaders and team members, 20,176 department heads, 5,565 township heads, 6,612 others.
        var kinds = Enumerable.Repeat(Domain.PostKind.TeamMember, 1_791)
            .Concat(Enumerable.Repeat(Domain.PostKind.DepartmentHead, 20_176))
            .Concat(Enumerable.Repeat(Domain.PostKind.TownshipHead, 5_565))
            .Concat(Enumerable.Repeat(Domain.PostKind.EnforcementOfficer, 6_612)).ToList();
        Assert.Equal(Reporters, kinds.Count);
        var seed = Stopwatch.StartNew();
        await using (var scope = node.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AssessmentDbContext>();
            db.Units.AddRange(units);
            await db.SaveChangesAsync();
            var stamp = new Platform.BuildingBlocks.Persistence.Audit("seed", DateTimeOffset.UtcNow, AssessmentNode.NodeId);
            foreach (var chunk in kinds.Select((kind, i) => (kind, i)).Chunk(5_000))
            {
                db.ChangeTracker.Clear();
                foreach (var (kind, i) in chunk)
                {
                    var (person, change) = Domain.Person.Appoint(units[i % units.Count].Id, $"述法人{i}", new Domain.PostHeld("职务", kind, string.Empty, null), new DateOnly(2023, 1, 1), stamp);
                    db.People.Add(person);
                    db.PersonChanges.Add(change);
                }
                await db.SaveChangesAsync();
            }
        }
        output.WriteLine($"seeded {Reporters} people in {seed.Elapsed.TotalSeconds:F1} s");

        var campaign = await node.Assessment.CreateCampaignAsync(new CreateCampaignRequest
        {
            Title = "2023年度甘肃省述法", Year = 2023, Kind = "annual",
            Duties =
            {
                new Duty { Level = "city", PostKind = "team_member" }, new Duty { Level = "county", PostKind = "team_member" },
                new Duty { Level = "city", PostKind = "department_head" }, new Duty { Level = "county", PostKind = "department_head" },
                new Duty { Level = "township", PostKind = "township_head" },
                new Duty { Level = "city", PostKind = "enforcement_officer" }, new Duty { Level = "county", PostKind = "enforcement_officer" },
            },
        }, node.Clerk);

        var first = Stopwatch.StartNew();
        var generated = await node.Assessment.GenerateRosterAsync(new GenerateRosterRequest { CampaignId = campaign.Id }, node.Clerk);
        first.Stop();
        var again = Stopwatch.StartNew();
        var second = await node.Assessment.GenerateRosterAsync(new GenerateRosterRequest { CampaignId = campaign.Id }, node.Clerk);
        again.Stop();
        output.WriteLine($"GenerateRoster of {generated.Total}: first run {first.Elapsed.TotalSeconds:F2} s, second run {again.Elapsed.TotalSeconds:F2} s");

        Assert.Equal((Reporters, Reporters), (generated.Added, generated.Total));
        Assert.Equal((0, Reporters), (second.Added, second.Total));
        var dashboard = await node.Assessment.GetCampaignDashboardAsync(new GetCampaignDashboardRequest { CampaignId = campaign.Id, GroupBy = "post_kind" }, node.Clerk);
        Assert.Equal(Reporters, dashboard.Total.Due);
        Assert.Equal(5_565, dashboard.Rows.Single(r => r.Key == "township_head").Due);
    }
}
