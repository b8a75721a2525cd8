using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Federation;
using Platform.Contracts.Planning.V1;

namespace Platform.Functional.Tests.Federation;

/// <summary>Speaks calendar updates to a federation node, as its office would (ADR 0024).</summary>
public static class CalendarFlow
{
    /// <summary>2030's National Day break as an office would issue it: 1-7 October off, two weekend days worked.</summary>
    public static IssueCalendarUpdateRequest NationalDay2030(params string[] extraHolidays)
    {
        var request = new IssueCalendarUpdateRequest
        {
            Year = 2030,
            Notice = "国务院办公厅关于2030年部分节假日安排的通知",
            MakeUpWorkingDays = { Day("2030-09-29", "国庆节"), Day("2030-10-12", "国庆节") },
        };
        request.Holidays.Add(Day("2030-01-01", "元旦"));
        for (var day = 1; day <= 7; day++)
        {
            request.Holidays.Add(Day($"2030-10-0{day}", "国庆节"));
        }
        request.Holidays.Add(extraHolidays.Select(d => Day(d, "国庆节")));
        return request;
    }

    public static CalendarDay Day(string date, string name) => new() { Date = date, Name = name };

    public static Task<CalendarUpdate> WaitInForceAsync(this FederationNode node, string issuer, long version) =>
        Eventually.GetAsync(async () =>
            (await node.Planning().ListCalendarUpdatesAsync(new ListCalendarUpdatesRequest { Year = 2030 }, node.Office())).Updates
                .SingleOrDefault(u => u.IssuerNodeId == issuer && u.Version == version && u.InForce),
            FederationFlow.Timeout, $"{issuer}'s calendar update v{version} in force at {node}");

    /// <summary>
    /// The deadline of a 领导批示 task started on 3 September 2030 (30 calendar days, rolled forward to a working day),
    /// as the node's planning computes it when the office assigns the task to a new unit.
    /// </summary>
    public static Task<string> LeaderInstructionDeadlineAsync(this FederationNode node, string unitName, string region) =>
        node.RuleDeadlineAsync("leader_instruction", "2030-09-03", unitName, region);

    /// <summary>
    /// The deadline of a task under <paramref name="rule"/> started on <paramref name="startDate"/>, as the node's planning
    /// computes it (the rule and the calendar in force) when the office assigns the task to a new unit.
    /// </summary>
    public static async Task<string> RuleDeadlineAsync(this FederationNode node, string rule, string startDate, string unitName, string region)
    {
        var planning = node.Planning();
        var year = int.Parse(startDate[..4], System.Globalization.CultureInfo.InvariantCulture);
        var plan = await planning.CreatePlanAsync(new CreatePlanRequest
        {
            Title = $"{year}年{unitName}督办事项",
            Year = year,
            Tasks = { new NewTask { Title = "落实督办事项", ReportingRule = rule, RuleStartDate = startDate } },
        }, node.Office());
        plan = await planning.IssuePlanAsync(new IssuePlanRequest { PlanId = plan.Id }, node.Office());
        var unit = await planning.CreateUnitAsync(new CreateUnitRequest { Name = unitName, ShortName = unitName, Kind = "department", RegionCode = region }, node.Office());
        var assigned = await planning.AssignTaskAsync(new AssignTaskRequest { TaskId = plan.Tasks[0].Id, UnitId = unit.Id }, node.Office());
        return assigned.Assignments.Single().Deadline;
    }
}

/// <summary>A province and a city: the province's calendar update reaches the city, applies there, and deadlines follow it.</summary>
public sealed class CalendarFederationTests : IDisposable
{
    private readonly FederationNode _province = new("js-province", "Province", "320000");
    private readonly FederationNode _city = new("nt-city", "City", "320600");

    public CalendarFederationTests()
    {
        _province.StartServer();
        _city.StartServer();
    }

    [Fact]
    public async Task A_calendar_update_from_the_province_applies_at_the_city_and_its_deadlines_follow_it_and_a_newer_version_supersedes_it()
    {
        await FederationFlow.JoinAsync(_province, _city, "320600");
        // 2030 is not shipped: a deadline in it is refused rather than guessed from weekends.
        var notLoaded = await Assert.ThrowsAsync<RpcException>(async () => await _city.LeaderInstructionDeadlineAsync("南通市司法局", "320600"));
        Assert.Equal(StatusCode.FailedPrecondition, notLoaded.StatusCode);
        Assert.Contains("2030", notLoaded.Status.Detail, StringComparison.Ordinal);

        var issued = await _province.Planning().IssueCalendarUpdateAsync(CalendarFlow.NationalDay2030(), _province.Office());
        Assert.Equal(("js-province", "province", 1L, true, ""), (issued.IssuerNodeId, issued.IssuerLevel, issued.Version, issued.InForce, issued.SenderNodeId));
        // Issued at the province, it applies there too: 3 October + nothing = the 8th, the first working day after the break.
        Assert.Equal("2030-10-08", await _province.LeaderInstructionDeadlineAsync("江苏省司法厅", "320000"));

        var atCity = await _city.WaitInForceAsync("js-province", 1);
        Assert.Equal(("js-province", 8, 2, "国务院办公厅关于2030年部分节假日安排的通知"), (atCity.SenderNodeId, atCity.Holidays.Count, atCity.MakeUpWorkingDays.Count, atCity.Notice));
        Assert.Equal("2030-10-08", await _city.LeaderInstructionDeadlineAsync("南通市公安局", "320600"));

        // A corrected version (the 8th off as well) supersedes the first; the first stays listed, not in force.
        var second = await _province.Planning().IssueCalendarUpdateAsync(CalendarFlow.NationalDay2030("2030-10-08"), _province.Office());
        Assert.Equal(2L, second.Version);
        await _city.WaitInForceAsync("js-province", 2);
        var listed = (await _city.Planning().ListCalendarUpdatesAsync(new ListCalendarUpdatesRequest(), _city.Office())).Updates;
        Assert.Equal([(2L, true), (1L, false)], listed.Select(u => (u.Version, u.InForce)));
        Assert.Equal("2030-10-09", await _city.LeaderInstructionDeadlineAsync("南通市生态环境局", "320600"));
        // One message per update on the link.
        Assert.Equal(2, await _province.InStoreAsync(db => db.LinkOutbox.CountAsync(m => m.WireName == FederationCalendarFlows.CalendarUpdate)));

        // Observers read the list over REST through the edge; a unit does not.
        using var http = new HttpClient { BaseAddress = _city.HttpAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", _city.Tokens.Observer());
        var json = await http.GetStringAsync("/api/planning/v1/calendar-updates?year=2030");
        Assert.Contains("\"issuerNodeId\":\"js-province\"", json, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _city.Dispose();
        _province.Dispose();
    }
}

/// <summary>A province, a city and a county: the city relays the province's calendar and rule updates, also after it was unreachable.</summary>
public sealed class ThreeLevelCalendarTests : IDisposable
{
    private readonly FederationNode _province = new("js-province", "Province", "320000");
    private readonly FederationNode _city = new("nt-city", "City", "320600");
    private readonly FederationNode _county = new("hm-county", "County", "320684");

    public ThreeLevelCalendarTests()
    {
        _province.StartServer();
        _city.StartServer();
        _county.StartServer();
    }

    [Fact]
    public async Task An_update_issued_while_the_city_was_unreachable_reaches_the_county_once_and_wins_over_the_citys_own()
    {
        await FederationFlow.JoinAsync(_province, _city, "320600");
        await FederationFlow.JoinAsync(_city, _county, "320684");

        // The city drops off the network; the province issues 2030's calendar meanwhile.
        var linkId = await _province.InStoreAsync(db => db.Links.Where(l => l.PeerNodeId == "nt-city").Select(l => l.Id).SingleAsync());
        var address = await _province.SetPeerAddressAsync(linkId, "https://127.0.0.1:9");
        await _province.Planning().IssueCalendarUpdateAsync(CalendarFlow.NationalDay2030(), _province.Office());
        // ...and a reporting rule for the whole province, which travels the same way (ADR 0024).
        await _province.Planning().IssueReportingRuleUpdateAsync(
            RuleFlow.Update(RuleFlow.Offset("enforcement_review", "行政执法检查整改事项", 10, "workingDays")), _province.Office());
        await FederationFlow.Until(() => _province.InStoreAsync(db =>
            db.LinkOutbox.AnyAsync(m => m.LinkId == linkId && m.WireName == FederationCalendarFlows.CalendarUpdate && m.DeliveredAt == null && m.Attempts > 0)),
            "the update to wait in the backlog");
        await FederationFlow.Until(() => _province.InStoreAsync(db =>
            db.LinkOutbox.AnyAsync(m => m.LinkId == linkId && m.WireName == FederationReportingRuleFlows.ReportingRuleUpdate && m.DeliveredAt == null)),
            "the rule update to wait in the backlog behind it");

        // The city's own office issues 2030 for its counties through REST, with the 8th of October off as well...
        using var http = new HttpClient { BaseAddress = _city.HttpAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", _city.Tokens.OfficeStaff());
        var own = CalendarFlow.NationalDay2030("2030-10-08");
        var posted = await http.PostAsync("/api/planning/v1/calendar-updates", new StringContent(
            Google.Protobuf.JsonFormatter.Default.Format(own), System.Text.Encoding.UTF8, "application/json"));
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        var cityOwn = await _county.WaitInForceAsync("nt-city", 1);
        Assert.Equal(("nt-city", "city"), (cityOwn.SenderNodeId, cityOwn.IssuerLevel));
        Assert.Equal("2030-10-09", await _county.LeaderInstructionDeadlineAsync("海门区司法局", "320684"));

        // ...and once the province reaches the city again, the province's version arrives, is relayed, and wins at both.
        await _province.SetPeerAddressAsync(linkId, address);
        await _city.WaitInForceAsync("js-province", 1);
        var atCounty = await _county.WaitInForceAsync("js-province", 1);
        Assert.Equal(("nt-city", "province"), (atCounty.SenderNodeId, atCounty.IssuerLevel));
        Assert.Equal("2030-10-08", await _county.LeaderInstructionDeadlineAsync("海门区生态环境局", "320684"));
        Assert.Equal("2030-10-08", await _city.LeaderInstructionDeadlineAsync("南通市司法局", "320600"));

        // Once each: one message on each link, one row at each node.
        Assert.Equal(1, await _city.InStoreAsync(db => db.LinkInbox.CountAsync(m => m.WireName == FederationCalendarFlows.CalendarUpdate)));
        Assert.Equal(2, await _county.InStoreAsync(db => db.LinkInbox.CountAsync(m => m.WireName == FederationCalendarFlows.CalendarUpdate)));
        var listed = (await _county.Planning().ListCalendarUpdatesAsync(new ListCalendarUpdatesRequest { Year = 2030 }, _county.Office())).Updates;
        Assert.Equal([("js-province", true), ("nt-city", false)], listed.Select(u => (u.IssuerNodeId, u.InForce)).OrderBy(u => u.IssuerNodeId));

        // The reporting rule arrived too, relayed by the city, once: a county task under it is scheduled by it.
        var rule = await _county.WaitRulesInForceAsync("js-province", 1, "enforcement_review");
        Assert.Equal("nt-city", rule.SenderNodeId);
        Assert.Equal("2027-03-15", await _county.RuleDeadlineAsync("enforcement_review", "2027-03-01", "海门区市场监管局", "320684"));
        Assert.Equal(1, await _city.InStoreAsync(db => db.LinkInbox.CountAsync(m => m.WireName == FederationReportingRuleFlows.ReportingRuleUpdate)));
        Assert.Equal(1, await _county.InStoreAsync(db => db.LinkInbox.CountAsync(m => m.WireName == FederationReportingRuleFlows.ReportingRuleUpdate)));
        Assert.Single((await _county.Planning().ListReportingRuleUpdatesAsync(new ListReportingRuleUpdatesRequest(), _county.Office())).Updates);
    }

    public void Dispose()
    {
        _county.Dispose();
        _city.Dispose();
        _province.Dispose();
    }
}
