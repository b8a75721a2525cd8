using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Federation;
using Platform.Contracts.Planning.V1;
using CalendarYearNotLoadedException = Platform.BuildingBlocks.Kernel.Calendar.CalendarYearNotLoadedException;
using DeadlinePolicy = Platform.Rectification.Module.Features.DeadlinePolicy;
using ReminderSchedule = Platform.Notification.Module.Domain.ReminderSchedule;
using ReminderSlot = Platform.Notification.Module.Domain.ReminderSlot;
using Severities = Platform.Rectification.Module.Domain.Severities;

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
    public static async Task<string> LeaderInstructionDeadlineAsync(this FederationNode node, string unitName, string region)
    {
        var planning = node.Planning();
        var plan = await planning.CreatePlanAsync(new CreatePlanRequest
        {
            Title = $"2030年{unitName}督办事项",
            Year = 2030,
            Tasks = { new NewTask { Title = "落实领导批示", ReportingRule = "leader_instruction", RuleStartDate = "2030-09-03" } },
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

    [Fact]
    public async Task A_calendar_update_from_the_province_moves_the_citys_reminders_and_rectification_deadlines()
    {
        await FederationFlow.JoinAsync(_province, _city, "320600");
        // What the city's notification and rectification compute deadlines with, as their own code resolves it.
        var reminders = _city.Services.GetRequiredService<ReminderSchedule>();
        var deadlines = _city.Services.GetRequiredService<DeadlinePolicy>();
        var dueOn = new DateOnly(2030, 10, 8);
        var feedbackOn = new DateOnly(2030, 9, 20);
        // 2030 is not loaded: a reminder falls on the weekday before (Monday 7 October), an item's deadline is refused.
        Assert.Equal(new DateOnly(2030, 10, 7), reminders.SlotsFor(dueOn).Single(s => s.Kind == "before_1").DueOn);
        Assert.Equal(2030, Assert.Throws<CalendarYearNotLoadedException>(() => deadlines.ForNewItem(Severities.Severe, feedbackOn)).Year);
        // A task due on the 8th, assigned now: notification watches it, its first reminder 3 weekdays before (the 3rd).
        var planning = _city.Planning();
        var plan = await planning.CreatePlanAsync(new CreatePlanRequest
        {
            Title = "2030年南通市法治政府建设工作要点", Year = 2030, Tasks = { new NewTask { Title = "推行行政执法公示制度", Deadline = "2030-10-08" } },
        }, _city.Office());
        plan = await planning.IssuePlanAsync(new IssuePlanRequest { PlanId = plan.Id }, _city.Office());
        var unit = await planning.CreateUnitAsync(new CreateUnitRequest { Name = "南通市司法局", ShortName = "南通市司法局", Kind = "department", RegionCode = "320600" }, _city.Office());
        await planning.AssignTaskAsync(new AssignTaskRequest { TaskId = plan.Tasks[0].Id, UnitId = unit.Id }, _city.Office());
        await FederationFlow.Until(() => NextReminderIsAsync(dueOn, new DateOnly(2030, 10, 3)), "the task's deadline watched, its first reminder on 3 October");

        await _province.Planning().IssueCalendarUpdateAsync(CalendarFlow.NationalDay2030(), _province.Office());
        // Each service keeps the update in its own store, as a distributed node (a process per service) needs...
        await FederationFlow.Until(() => _city.InNotificationStoreAsync(db => db.CalendarUpdates.AnyAsync(u => u.IssuerNodeId == "js-province" && u.Version == 1)),
            "the update kept by the city's notification");
        await FederationFlow.Until(() => _city.InRectificationStoreAsync(db => db.CalendarUpdates.AnyAsync(u => u.IssuerNodeId == "js-province" && u.Version == 1)),
            "the update kept by the city's rectification");
        // ...and counts on it: the working day before the 8th is now 30 September (1-7 October off), a 3-day reminder
        // falls on Friday the 27th (Sunday the 29th worked), and a severe item's 20 working days end on 23 October.
        var slots = reminders.SlotsFor(dueOn);
        Assert.Equal(
            [("before_3", new DateOnly(2030, 9, 27)), ("before_1", new DateOnly(2030, 9, 30)), (ReminderSlot.DueDay, dueOn), (ReminderSlot.Overdue, new DateOnly(2030, 10, 9))],
            slots.Select(s => (s.Kind, s.DueOn)));
        Assert.Equal(new DateOnly(2030, 10, 23), deadlines.ForNewItem(Severities.Severe, feedbackOn));
        Assert.Equal(6, deadlines.OverdueWorkingDays(new DateOnly(2030, 9, 27), new DateOnly(2030, 10, 11)));
        // The deadline watched before the update has its next reminder placed again: Friday 27 September.
        await FederationFlow.Until(() => NextReminderIsAsync(dueOn, new DateOnly(2030, 9, 27)), "the watched deadline's first reminder moved to 27 September");
    }

    private Task<bool> NextReminderIsAsync(DateOnly deadline, DateOnly next) =>
        _city.InNotificationStoreAsync(db => db.DeadlineWatches.AnyAsync(w => w.Deadline == deadline && w.Active && w.NextReminderOn == next));

    [Fact]
    public async Task Issuing_a_calendar_update_names_each_bad_field()
    {
        await FederationFlow.JoinAsync(_province, _city, "320600");
        var planning = _province.Planning();
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(async () =>
            await planning.IssueCalendarUpdateAsync(CalendarFlow.NationalDay2030(), SliceScenario.Bearer(_province.Tokens.Observer())))).StatusCode);

        // Each case changes one field of a good request; the refusal names that field.
        (Action<IssueCalendarUpdateRequest> Change, string Field)[] cases =
        [
            (r => r.Year = 1999, "year"),
            (r => r.Holidays[0].Date = "2030-13-01", "holidays[0].date"),
            (r => r.Holidays[1].Date = "2031-10-01", "holidays[1].date"),
            (r => r.Holidays[2].Name = "", "holidays[2].name"),
            (r => r.Holidays.Clear(), "holidays"),
            (r => r.MakeUpWorkingDays[0].Date = "2030-09-30", "make_up_working_days[0].date"),
            (r => r.MakeUpWorkingDays[0].Date = "2030-10-05", "make_up_working_days[0].date"),
            (r => r.ChildNodeIds.Add("sz-city"), "child_node_ids"),
            (r => r.ChildNodeIds.Add("南通"), "child_node_ids"),
        ];
        foreach (var (change, field) in cases)
        {
            var request = CalendarFlow.NationalDay2030();
            change(request);
            var refused = await Assert.ThrowsAsync<RpcException>(async () => await planning.IssueCalendarUpdateAsync(request, _province.Office()));
            Assert.Equal((StatusCode.InvalidArgument, true), (refused.StatusCode, refused.Status.Detail.Contains(field, StringComparison.Ordinal)));
        }
        // Nothing was issued.
        Assert.Empty((await planning.ListCalendarUpdatesAsync(new ListCalendarUpdatesRequest(), _province.Office())).Updates);
        Assert.Equal(0, await _province.InStoreAsync(db => db.LinkOutbox.CountAsync(m => m.WireName == FederationCalendarFlows.CalendarUpdate)));
    }

    public void Dispose()
    {
        _city.Dispose();
        _province.Dispose();
    }
}

/// <summary>A province, a city and a county: the city relays the province's update, also after it was unreachable.</summary>
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
        await FederationFlow.Until(() => _province.InStoreAsync(db =>
            db.LinkOutbox.AnyAsync(m => m.LinkId == linkId && m.WireName == FederationCalendarFlows.CalendarUpdate && m.DeliveredAt == null && m.Attempts > 0)),
            "the update to wait in the backlog");

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
    }

    public void Dispose()
    {
        _county.Dispose();
        _city.Dispose();
        _province.Dispose();
    }
}
