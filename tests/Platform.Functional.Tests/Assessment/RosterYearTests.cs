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
        // Announced ahead (up to a year; 2099 is refused, see AssessmentInputTests).
        var appointedFarAhead = await node.AppointAsync(county, "赵将任", "department_head",
            termStart: DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(200).ToString("yyyy-MM-dd"));
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

    [Fact]
    public async Task A_person_transferred_during_the_campaign_is_listed_once_under_the_unit_held_at_the_reference_date()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var from = await node.UnitAsync("启东市司法局", regionCode: "320681");
        var to = await node.UnitAsync("海门区司法局", regionCode: "320684");
        // Appointed this year, so the other test's roster of 2025 does not list them.
        var moving = await node.AppointAsync(from, "冯调动", "department_head", termStart: $"{today.Year}-01-01");
        var reported = await node.AppointAsync(from, "陈已述", "department_head", termStart: $"{today.Year}-01-01");
        var campaign = await node.Assessment.CreateCampaignAsync(new CreateCampaignRequest
        {
            Title = $"{today.Year}年度述法", Year = today.Year, Kind = "annual", Duties = { new Duty { Level = "county", PostKind = "department_head" } },
        }, node.Clerk);
        Assert.Equal(2, (await node.Assessment.GenerateRosterAsync(new GenerateRosterRequest { CampaignId = campaign.Id }, node.Clerk)).Added);
        Task<Dictionary<string, RosterEntry>> RosterAsync() => node.Assessment.ListRosterAsync(new ListRosterRequest { CampaignId = campaign.Id, PageSize = 100 }, node.Clerk)
            .ResponseAsync.ContinueWith(r => r.Result.Entries.Where(e => e.PersonId == moving.Id || e.PersonId == reported.Id).ToDictionary(e => e.PersonId));
        var before = await RosterAsync();
        await node.Assessment.SubmitDutyReportAsync(
            new SubmitDutyReportRequest { EntryId = before[reported.Id].Id, Form = "书面", Text = "履职情况" }, node.LiaisonOf(from.Id));

        // Both are transferred within the campaign's year; the roster is run again.
        foreach (var person in new[] { moving, reported })
        {
            await node.Assessment.ChangePersonAsync(
                new ChangePersonRequest { PersonId = person.Id, Change = "transfer", UnitId = to.Id, Date = today.ToString("yyyy-MM-dd") }, node.Clerk);
        }
        var again = await node.Assessment.GenerateRosterAsync(new GenerateRosterRequest { CampaignId = campaign.Id }, node.Clerk);
        Assert.Equal(0, again.Added);

        // Once each: the one who had not reported under the unit they now hold, the report already in with the unit it was made for.
        var after = await RosterAsync();
        Assert.Equal(2, after.Count);
        Assert.Equal((to.Id, "due"), (after[moving.Id].UnitId, after[moving.Id].Status));
        Assert.Equal((from.Id, "submitted"), (after[reported.Id].UnitId, after[reported.Id].Status));
        var missingAtNewUnit = await node.Assessment.ListRosterAsync(
            new ListRosterRequest { CampaignId = campaign.Id, UnitId = to.Id, Status = "missing" }, node.LiaisonOf(to.Id));
        Assert.Equal([moving.Id], missingAtNewUnit.Entries.Select(e => e.PersonId));

        // The dashboard counts each once, where they are listed.
        var byUnit = (await node.Assessment.GetCampaignDashboardAsync(
            new GetCampaignDashboardRequest { CampaignId = campaign.Id, GroupBy = "unit" }, node.Clerk)).Rows.ToDictionary(r => r.Key);
        Assert.Equal((1, 1), (byUnit[from.Id].Due, byUnit[from.Id].Submitted));
        Assert.Equal((1, 0), (byUnit[to.Id].Due, byUnit[to.Id].Submitted));
    }

    [Fact]
    public async Task A_duty_list_narrowed_by_a_revision_excuses_those_it_no_longer_names()
    {
        var county = await node.UnitAsync("海安市交通运输局", regionCode: "320621");
        // Served 2023 only (left in 2024), so the other tests' rosters of later years do not list them.
        var head = await node.AppointAsync(county, "冯局长", "department_head", termStart: "2023-01-01");
        var member = await node.AppointAsync(county, "陈副局长", "team_member", termStart: "2023-01-01");
        foreach (var person in new[] { head, member })
        {
            await node.Assessment.ChangePersonAsync(new ChangePersonRequest { PersonId = person.Id, Change = "leave", Date = "2024-06-30" }, node.Clerk);
        }
        var campaign = await node.Assessment.CreateCampaignAsync(new CreateCampaignRequest
        {
            Title = "2023年度述法（收窄）", Year = 2023, Kind = "annual",
            Duties = { new Duty { Level = "county", PostKind = "department_head" }, new Duty { Level = "county", PostKind = "team_member" } },
        }, node.Clerk);
        await node.Assessment.GenerateRosterAsync(new GenerateRosterRequest { CampaignId = campaign.Id }, node.Clerk);

        await node.Assessment.ReviseCampaignAsync(new ReviseCampaignRequest
        {
            CampaignId = campaign.Id, Title = campaign.Title, Duties = { new Duty { Level = "county", PostKind = "department_head" } },
        }, node.Clerk);
        var again = await node.Assessment.GenerateRosterAsync(new GenerateRosterRequest { CampaignId = campaign.Id }, node.Clerk);

        Assert.Equal(1, again.Excused);
        var roster = await node.Assessment.ListRosterAsync(new ListRosterRequest { CampaignId = campaign.Id, UnitId = county.Id }, node.Clerk);
        Assert.Equal([(head.Id, "due", ""), (member.Id, "excused", "责任清单调整")],
            roster.Entries.OrderBy(e => e.PersonName == "冯局长" ? 0 : 1).Select(e => (e.PersonId, e.Status, e.Reason)));
    }
}
