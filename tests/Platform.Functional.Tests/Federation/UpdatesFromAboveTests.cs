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

/// <summary>
/// A province and a city, started and joined once for the tests of <see cref="UpdatesFromAboveTests"/>: each test uses
/// its own units, tasks and years, so they share the pair instead of starting two nodes each.
/// </summary>
public sealed class ProvinceAndCity : IAsyncLifetime
{
    public FederationNode Province { get; } = new("js-province", "Province", "320000");

    public FederationNode City { get; } = new("nt-city", "City", "320600");

    public async Task InitializeAsync()
    {
        Province.StartServer();
        City.StartServer();
        await FederationFlow.JoinAsync(Province, City, "320600");
    }

    public Task DisposeAsync()
    {
        City.Dispose();
        Province.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Speaks reporting-rule updates to a federation node, as its office would (ADR 0024).</summary>
public static class RuleFlow
{
    /// <summary>A rule with one deadline, counted from the trigger date.</summary>
    public static ReportingRuleDefinition Offset(string code, string name, int amount, string unit) => new()
    {
        Code = code,
        Name = name,
        Description = $"{name}：自交办之日起{amount}{(unit == "workingDays" ? "个工作日" : "日")}内报告办理情况。",
        Deadlines = { new RuleDeadline { Kind = "triggerOffset", Key = "handling_report", Label = "办理情况报告", Amount = amount, Unit = unit } },
    };

    public static IssueReportingRuleUpdateRequest Update(params ReportingRuleDefinition[] rules) =>
        new() { Notice = "关于统一督办事项报送要求的通知", Rules = { rules } };

    public static Task<ReportingRuleUpdate> WaitRulesInForceAsync(this FederationNode node, string issuer, long version, params string[] codes) =>
        Eventually.GetAsync(async () =>
            (await node.Planning().ListReportingRuleUpdatesAsync(new ListReportingRuleUpdatesRequest(), node.Office())).Updates
                .SingleOrDefault(u => u.IssuerNodeId == issuer && u.Version == version && codes.All(u.CodesInForce.Contains)),
            FederationFlow.Timeout, $"{issuer}'s reporting-rule update v{version} in force at {node} for {string.Join(", ", codes)}");
}

/// <summary>What an office issues for the nodes below it (ADR 0024), between a province and a city.</summary>
public sealed class UpdatesFromAboveTests(ProvinceAndCity nodes) : IClassFixture<ProvinceAndCity>
{
    private readonly FederationNode _province = nodes.Province;
    private readonly FederationNode _city = nodes.City;

    // 2027 is shipped; 1 March 2027 is a Monday and March has no holiday.
    private const string Start = "2027-03-01";

    [Fact]
    public async Task Reporting_rules_from_the_province_apply_at_the_city_win_over_its_own_under_the_same_code_and_a_newer_version_supersedes_them()
    {
        // The city's office defines rules of its own (through REST): one under a code of its own, one under a shipped code.
        using var http = new HttpClient { BaseAddress = _city.HttpAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", _city.Tokens.OfficeStaff());
        var own = RuleFlow.Update(
            RuleFlow.Offset("nt_special_inspection", "南通市专项督查事项", 5, "workingDays"),
            RuleFlow.Offset("leader_instruction", "领导批示交办事项（市定）", 20, "calendarDays"));
        var posted = await http.PostAsync("/api/planning/v1/reporting-rule-updates", new StringContent(
            Google.Protobuf.JsonFormatter.Default.Format(own), System.Text.Encoding.UTF8, "application/json"));
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        await _city.WaitRulesInForceAsync("nt-city", 1, "nt_special_inspection", "leader_instruction");
        // 20 days from 1 March is Sunday the 21st: rolled forward to Monday the 22nd.
        Assert.Equal("2027-03-22", await _city.RuleDeadlineAsync("leader_instruction", Start, "南通市住建局", "320600"));

        var issued = await _province.Planning().IssueReportingRuleUpdateAsync(RuleFlow.Update(
            RuleFlow.Offset("enforcement_review", "行政执法检查整改事项", 10, "workingDays"),
            RuleFlow.Offset("leader_instruction", "领导批示交办事项办理", 15, "calendarDays")), _province.Office());
        Assert.Equal(("js-province", "province", 1L, "", 2), (issued.IssuerNodeId, issued.IssuerLevel, issued.Version, issued.SenderNodeId, issued.CodesInForce.Count));
        // Issued at the province, it applies there too: 15 days from 1 March.
        Assert.Equal("2027-03-16", await _province.RuleDeadlineAsync("leader_instruction", Start, "江苏省住建厅", "320000"));

        // At the city the province's rule wins under the same code; the city's own code stays; the new code is there.
        var atCity = await _city.WaitRulesInForceAsync("js-province", 1, "enforcement_review", "leader_instruction");
        Assert.Equal(("js-province", "workingDays", 10), (atCity.SenderNodeId, atCity.Rules[0].Deadlines[0].Unit, atCity.Rules[0].Deadlines[0].Amount));
        Assert.Equal("2027-03-16", await _city.RuleDeadlineAsync("leader_instruction", Start, "南通市交通局", "320600"));
        Assert.Equal("2027-03-15", await _city.RuleDeadlineAsync("enforcement_review", Start, "南通市市场监管局", "320600"));
        Assert.Equal("2027-03-08", await _city.RuleDeadlineAsync("nt_special_inspection", Start, "南通市应急局", "320600"));
        var rules = (await _city.Planning().ListReportingRulesAsync(new ListReportingRulesRequest(), _city.Office())).Rules;
        Assert.Equal("领导批示交办事项办理", rules.Single(r => r.Code == "leader_instruction").Name);
        Assert.Contains(rules, r => r.Code == "nt_special_inspection");

        // A newer version supersedes the first for the code it states; the first stays in force for the other.
        var second = await _province.Planning().IssueReportingRuleUpdateAsync(RuleFlow.Update(
            RuleFlow.Offset("leader_instruction", "领导批示交办事项办理", 10, "calendarDays")), _province.Office());
        Assert.Equal(2L, second.Version);
        await _city.WaitRulesInForceAsync("js-province", 2, "leader_instruction");
        var listed = (await _city.Planning().ListReportingRuleUpdatesAsync(new ListReportingRuleUpdatesRequest(), _city.Office())).Updates;
        Assert.Equal(
            [("js-province", 1L, "enforcement_review"), ("js-province", 2L, "leader_instruction"), ("nt-city", 1L, "nt_special_inspection")],
            listed.Select(u => (u.IssuerNodeId, u.Version, string.Join(",", u.CodesInForce.Order()))).OrderBy(u => u.IssuerNodeId).ThenBy(u => u.Version));
        Assert.Equal("2027-03-11", await _city.RuleDeadlineAsync("leader_instruction", Start, "南通市水利局", "320600"));
        // One message per update on the link; the city, without children, sent nothing down.
        Assert.Equal(2, await _province.InStoreAsync(db => db.LinkOutbox.CountAsync(m => m.WireName == FederationReportingRuleFlows.ReportingRuleUpdate)));
        Assert.Equal(0, await _city.InStoreAsync(db => db.LinkOutbox.CountAsync(m => m.WireName == FederationReportingRuleFlows.ReportingRuleUpdate)));

        // Observers read the list over REST through the edge.
        http.DefaultRequestHeaders.Authorization = new("Bearer", _city.Tokens.Observer());
        var json = await http.GetStringAsync("/api/planning/v1/reporting-rule-updates");
        Assert.Contains("\"codesInForce\":[\"enforcement_review\"]", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issuing_a_reporting_rule_update_names_each_bad_field()
    {
        var planning = _province.Planning();
        var issuedBefore = await IssuedRuleUpdatesAsync();
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(async () => await planning.IssueReportingRuleUpdateAsync(
            RuleFlow.Update(RuleFlow.Offset("enforcement_review", "行政执法检查整改事项", 10, "workingDays")), SliceScenario.Bearer(_province.Tokens.Observer())))).StatusCode);

        var quarterly = new RuleDeadline
        {
            Kind = "fixedSchedule",
            Reports = { new RuleScheduledReport { Key = "q1", Label = "第一季度进展报告", DueMonth = 4, DueDay = 15, PeriodStart = "01-01", PeriodEnd = "03-31" } },
        };
        // Each case changes one field of a good request; the refusal names that field.
        (Action<IssueReportingRuleUpdateRequest> Change, string Field)[] cases =
        [
            (r => r.Rules.Clear(), "rules"),
            (r => r.Rules[0].Code = "Enforcement-Review", "rules[0].code"),
            (r => r.Rules.Add(r.Rules[0].Clone()), "rules[1].code"),
            (r => r.Rules[0].Name = "", "rules[0].name"),
            (r => r.Rules[0].Deadlines.Clear(), "rules[0].deadlines"),
            (r => r.Rules[0].Deadlines[0].Kind = "weekly", "rules[0].deadlines[0].kind"),
            (r => r.Rules[0].Deadlines[0].Unit = "fortnights", "rules[0].deadlines[0].unit"),
            (r => r.Rules[0].Deadlines[0].Amount = 0, "rules[0].deadlines[0].amount"),
            (r => r.Rules[0].Deadlines[0].Key = "", "rules[0].deadlines[0].key"),
            (r => { r.Rules[0].Deadlines[0] = quarterly.Clone(); r.Rules[0].Deadlines[0].Reports[0].DueMonth = 13; }, "rules[0].deadlines[0].reports[0].due_month"),
            (r => { r.Rules[0].Deadlines[0] = quarterly.Clone(); r.Rules[0].Deadlines[0].Reports[0].PeriodEnd = "02-30"; }, "rules[0].deadlines[0].reports[0].period_end"),
            (r => { r.Rules[0].Deadlines[0] = quarterly.Clone(); r.Rules[0].Deadlines[0].Reports[0].PeriodStart = ""; r.Rules[0].Deadlines[0].Reports[0].PeriodEnd = ""; }, "rules[0].deadlines[0].reports[0].period_start"),
            (r => r.Notice = new string('通', 201), "notice"),
            (r => r.ChildNodeIds.Add("sz-city"), "child_node_ids"),
        ];
        foreach (var (change, field) in cases)
        {
            var request = RuleFlow.Update(RuleFlow.Offset("enforcement_review", "行政执法检查整改事项", 10, "workingDays"));
            change(request);
            var refused = await Assert.ThrowsAsync<RpcException>(async () => await planning.IssueReportingRuleUpdateAsync(request, _province.Office()));
            Assert.Equal((StatusCode.InvalidArgument, field, true), (refused.StatusCode, field, refused.Status.Detail.Contains(field + ":", StringComparison.Ordinal)));
        }
        // Nothing was issued.
        Assert.Equal(issuedBefore, await IssuedRuleUpdatesAsync());
    }

    private async Task<(int Listed, int OnTheLinks)> IssuedRuleUpdatesAsync() => (
        (await _province.Planning().ListReportingRuleUpdatesAsync(new ListReportingRuleUpdatesRequest(), _province.Office())).Updates.Count,
        await _province.InStoreAsync(db => db.LinkOutbox.CountAsync(m => m.WireName == FederationReportingRuleFlows.ReportingRuleUpdate)));

    [Fact]
    public async Task A_calendar_update_from_the_province_moves_the_citys_reminders_and_rectification_deadlines()
    {
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

    private async Task<(int Listed, int OnTheLinks)> IssuedCalendarUpdatesAsync() => (
        (await _province.Planning().ListCalendarUpdatesAsync(new ListCalendarUpdatesRequest(), _province.Office())).Updates.Count,
        await _province.InStoreAsync(db => db.LinkOutbox.CountAsync(m => m.WireName == FederationCalendarFlows.CalendarUpdate)));

    private Task<bool> NextReminderIsAsync(DateOnly deadline, DateOnly next) =>
        _city.InNotificationStoreAsync(db => db.DeadlineWatches.AnyAsync(w => w.Deadline == deadline && w.Active && w.NextReminderOn == next));

    [Fact]
    public async Task Issuing_a_calendar_update_names_each_bad_field()
    {
        var planning = _province.Planning();
        var issuedBefore = await IssuedCalendarUpdatesAsync();
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
        Assert.Equal(issuedBefore, await IssuedCalendarUpdatesAsync());
    }
}
