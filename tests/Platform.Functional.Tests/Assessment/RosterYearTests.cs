using Platform.Contracts.Assessment.V1;
using Xunit;

namespace Platform.Functional.Tests.Assessment;

/// <summary>
/// 应述尽述 for the campaign's year, read from the people's history rather than from who serves today:
/// those appointed after the year are not on a roster for it, someone who served all year and left later
/// is due, someone who left during the year is on it excused (离任), and someone transferred or given
/// another post after the year is on it as they were at its end.
/// </summary>
public sealed class RosterYearTests(AssessmentNode node) : IClassFixture<AssessmentNode>
{
    [Fact]
    public async Task The_roster_of_a_year_lists_who_served_in_that_year_as_they_were_then()
    {
        var city = await node.UnitAsync("南通市司法局", regionCode: "320600");
        var county = await node.UnitAsync("如东县司法局", regionCode: "320623");
        var servedAllYear = await node.AppointAsync(county, "李全年", "department_head");
        var appointedAfter = await node.AppointAsync(county, "王新任", "department_head", termStart: "2026-02-01");
        var appointedFarAhead = await node.AppointAsync(county, "赵将任", "department_head", termStart: "2099-01-01");
        var leftAfter = await node.AppointAsync(county, "孙次年离", "department_head");
        await node.Assessment.ChangePersonAsync(new ChangePersonRequest { PersonId = leftAfter.Id, Change = "leave", Date = "2026-11-30" }, node.Clerk);
        var leftDuring = await node.AppointAsync(county, "钱年中离", "department_head");
        await node.Assessment.ChangePersonAsync(new ChangePersonRequest { PersonId = leftDuring.Id, Change = "leave", Date = "2025-06-30" }, node.Clerk);
        var leftBefore = await node.AppointAsync(county, "周早离", "department_head");
        await node.Assessment.ChangePersonAsync(new ChangePersonRequest { PersonId = leftBefore.Id, Change = "leave", Date = "2024-12-31" }, node.Clerk);
        // In 2025 a city department head; transferred to the county in 2026.
        var transferred = await node.AppointAsync(city, "吴调任", "department_head");
        await node.Assessment.ChangePersonAsync(new ChangePersonRequest { PersonId = transferred.Id, Change = "transfer", Date = "2026-03-01", UnitId = county.Id }, node.Clerk);
        // In 2025 an enforcement officer, whom the duty list does not name; a department head only since 2026.
        var promoted = await node.AppointAsync(county, "郑晋升", "enforcement_officer");
        await node.Assessment.ChangePersonAsync(new ChangePersonRequest { PersonId = promoted.Id, Change = "update", Date = "2026-04-01", PostKind = "department_head" }, node.Clerk);

        var campaign = await node.Assessment.CreateCampaignAsync(new CreateCampaignRequest
        {
            Title = "2025年度述法", Year = 2025, Kind = "annual",
            Duties = { new Duty { Level = "city", PostKind = "department_head" }, new Duty { Level = "county", PostKind = "department_head" } },
        }, node.Clerk);
        var generated = await node.Assessment.GenerateRosterAsync(new GenerateRosterRequest { CampaignId = campaign.Id }, node.Clerk);
        Assert.Equal((4, 1, 4), (generated.Added, generated.Excused, generated.Total));

        var roster = (await node.Assessment.ListRosterAsync(new ListRosterRequest { CampaignId = campaign.Id, PageSize = 100 }, node.Clerk)).Entries.ToDictionary(e => e.PersonId);
        Assert.Equal(new[] { servedAllYear.Id, leftAfter.Id, leftDuring.Id, transferred.Id }.Order(), roster.Keys.Order());
        Assert.DoesNotContain(appointedAfter.Id, roster.Keys);
        Assert.DoesNotContain(appointedFarAhead.Id, roster.Keys);
        Assert.DoesNotContain(leftBefore.Id, roster.Keys);
        Assert.DoesNotContain(promoted.Id, roster.Keys);
        Assert.Equal(("due", string.Empty), (roster[leftAfter.Id].Status, roster[leftAfter.Id].Reason));
        Assert.Equal(("excused", "离任"), (roster[leftDuring.Id].Status, roster[leftDuring.Id].Reason));
        Assert.Equal(("city", city.Id), (roster[transferred.Id].Level, roster[transferred.Id].UnitId));

        // Run again: nothing changes.
        var again = await node.Assessment.GenerateRosterAsync(new GenerateRosterRequest { CampaignId = campaign.Id }, node.Clerk);
        Assert.Equal((0, 0, 4), (again.Added, again.Excused, again.Total));
    }
}
