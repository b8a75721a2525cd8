using System.Globalization;
using Platform.BuildingBlocks.Calendar;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Kernel.Calendar;
using Platform.Planning.Module.Domain.ReportingRules;

namespace Platform.Planning.Tests;

/// <summary>The rules of the 限期报告制度 (苏政办发〔2014〕94号) evaluated on the shipped 2026 calendar and the provisional 2027 one.</summary>
public sealed class ReportingRuleTests
{
    private static readonly ReportingRuleCatalog Catalog = ReportingRuleCatalog.LoadEmbedded();

    private static readonly ReportingRuleEngine Engine = new(new WorkingDayCalendar(CalendarLoader.LoadShipped()));

    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    /// <summary>The rule, triggered on <paramref name="trigger"/>, sets one deadline: this key and label, due on these dates.</summary>
    private static ReportingDeadline AssertSingleDeadline(string rule, string trigger, string key, string label, string originalDue, string due)
    {
        var deadline = Assert.Single(Engine.Evaluate(Catalog.Get(rule), D(trigger)));
        Assert.Equal((key, label), (deadline.Key, deadline.Label));
        Assert.Equal((D(originalDue), D(due)), (deadline.OriginalDueDate, deadline.DueDate));
        return deadline;
    }

    [Fact]
    public void The_catalog_ships_the_four_reporting_deadline_rules()
    {
        Assert.Equal(
            [ReportingRuleCodes.MeetingOrDocument, ReportingRuleCodes.AnnualKeyWorkQuarterly, ReportingRuleCodes.LeaderInstruction, ReportingRuleCodes.NpcCppccProposal],
            Catalog.All.Select(r => r.Code));
        Assert.All(Catalog.All, rule =>
        {
            Assert.True(rule.RollForwardToWorkingDay);
            Assert.Contains(rule.Name, n => n >= '\u4e00' && n <= '\u9fff');
        });
        Assert.Equal("人大代表建议、政协提案办理", Catalog.Get(ReportingRuleCodes.NpcCppccProposal).Name);
    }

    [Fact]
    public void An_unknown_rule_code_is_not_found()
    {
        Assert.False(Catalog.TryGet("weekly_report", out _));
        Assert.Throws<NotFoundException>(() => Catalog.Get("weekly_report"));
    }

    [Fact]
    public void A_meeting_on_5_September_reports_by_8_October_because_5_October_is_National_Day()
    {
        var deadline = AssertSingleDeadline(ReportingRuleCodes.MeetingOrDocument, "2026-09-05", "implementation_report", "贯彻落实情况报告", "2026-10-05", "2026-10-08");
        Assert.True(deadline.WasRolledForward);
        Assert.Null(deadline.Period);
        Assert.Null(deadline.ExtensionRequestAllowedUntil);
    }

    [Fact]
    public void A_document_whose_30th_day_is_a_working_day_is_not_moved()
    {
        var deadline = Assert.Single(Engine.Evaluate(Catalog.Get(ReportingRuleCodes.MeetingOrDocument), D("2026-08-10")));

        Assert.Equal(D("2026-09-09"), deadline.DueDate);
        Assert.Null(deadline.OriginalDueDate);
        Assert.False(deadline.WasRolledForward);
    }

    [Fact]
    public void Annual_key_work_reports_each_quarter_on_15_July_15_October_and_15_January()
    {
        var deadlines = Engine.Evaluate(Catalog.Get(ReportingRuleCodes.AnnualKeyWorkQuarterly), D("2026-03-01"));

        Assert.Collection(
            deadlines,
            q2 =>
            {
                Assert.Equal(("q2_progress", "第二季度进展报告", D("2026-07-15")), (q2.Key, q2.Label, q2.DueDate));
                Assert.Equal(new ReportingPeriod(D("2026-04-01"), D("2026-06-30")), q2.Period);
            },
            q3 =>
            {
                Assert.Equal(("q3_progress", "第三季度进展报告", D("2026-10-15")), (q3.Key, q3.Label, q3.DueDate));
                Assert.Equal(new ReportingPeriod(D("2026-07-01"), D("2026-09-30")), q3.Period);
            },
            q4 =>
            {
                Assert.Equal(("q4_progress", "第四季度进展报告", D("2027-01-15")), (q4.Key, q4.Label, q4.DueDate));
                Assert.Equal(new ReportingPeriod(D("2026-10-01"), D("2026-12-31")), q4.Period);
            });
        Assert.All(deadlines, d => Assert.Null(d.OriginalDueDate));
    }

    [Fact]
    public void Key_work_assigned_mid_year_reports_on_the_quarters_it_was_open()
    {
        var deadlines = Engine.Evaluate(Catalog.Get(ReportingRuleCodes.AnnualKeyWorkQuarterly), D("2026-08-20"));

        Assert.Equal(["q3_progress", "q4_progress"], deadlines.Select(d => d.Key));
    }

    [Fact]
    public void A_leader_instruction_is_due_in_30_days_and_an_extension_may_be_asked_until_then()
    {
        var deadline = Assert.Single(Engine.Evaluate(Catalog.Get(ReportingRuleCodes.LeaderInstruction), D("2026-03-10")));

        Assert.Equal("办理情况报告", deadline.Label);
        Assert.Equal(D("2026-04-09"), deadline.DueDate);
        Assert.Equal(D("2026-04-09"), deadline.ExtensionRequestAllowedUntil);
    }

    [Fact]
    public void A_leader_instruction_due_on_National_Day_moves_and_so_does_the_extension_limit()
    {
        var deadline = Assert.Single(Engine.Evaluate(Catalog.Get(ReportingRuleCodes.LeaderInstruction), D("2026-09-01")));

        Assert.Equal(D("2026-10-01"), deadline.OriginalDueDate);
        Assert.Equal(D("2026-10-08"), deadline.DueDate);
        Assert.Equal(D("2026-10-08"), deadline.ExtensionRequestAllowedUntil);
    }

    [Fact]
    public void A_proposal_assigned_30_November_is_answered_by_the_end_of_February()
    {
        // Three months after 30 November is 28 February 2027 (no 30 February), a Sunday in
        // the (provisional) 2027 calendar, so the answer is due on Monday 1 March.
        AssertSingleDeadline(ReportingRuleCodes.NpcCppccProposal, "2026-11-30", "answer_proposer", "答复代表委员", "2027-02-28", "2027-03-01");
    }

    [Fact]
    public void A_completed_proposal_reports_completion_within_20_days()
    {
        var deadlines = Engine.Evaluate(Catalog.Get(ReportingRuleCodes.NpcCppccProposal), D("2026-11-30"), completedOn: D("2026-12-25"));

        Assert.Collection(
            deadlines,
            report =>
            {
                Assert.Equal(("completion_report", "办结情况报告", D("2027-01-14")), (report.Key, report.Label, report.DueDate));
                Assert.Null(report.OriginalDueDate);
            },
            answer => Assert.Equal(("answer_proposer", D("2027-03-01")), (answer.Key, answer.DueDate)));
    }

    [Fact]
    public void Completion_before_the_trigger_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Engine.Evaluate(Catalog.Get(ReportingRuleCodes.NpcCppccProposal), D("2026-11-30"), completedOn: D("2026-11-29")));
    }

    [Fact]
    public void A_working_day_rule_counts_the_10_October_make_up_Saturday()
    {
        var rule = Parse(Rule("""{ "kind": "triggerOffset", "key": "feedback", "label": "反馈意见", "amount": 5, "unit": "workingDays" }""")).All[0];

        var deadline = Assert.Single(Engine.Evaluate(rule, D("2026-10-08")));

        // 9 Oct (Fri), 10 Oct (make-up Sat), 12, 13, 14 Oct.
        Assert.Equal(D("2026-10-14"), deadline.DueDate);
        Assert.Null(deadline.OriginalDueDate);
        // Started before the holiday, the count skips all of 1-7 October: 29, 30 Sep, 8, 9, 10 Oct.
        Assert.Equal(D("2026-10-10"), Assert.Single(Engine.Evaluate(rule, D("2026-09-28"))).DueDate);
    }

    [Fact]
    public void Without_roll_forward_a_deadline_may_fall_on_a_holiday()
    {
        var rule = Parse(Rule(
            """{ "kind": "triggerOffset", "key": "implementation_report", "label": "贯彻落实情况报告", "amount": 30, "unit": "calendarDays" }""",
            rollForward: "false")).All[0];

        Assert.False(rule.RollForwardToWorkingDay);
        var deadline = Assert.Single(Engine.Evaluate(rule, D("2026-09-05")));
        Assert.Equal(D("2026-10-05"), deadline.DueDate);
        Assert.Null(deadline.OriginalDueDate);
    }

    [Fact]
    public void Roll_forward_defaults_to_true()
    {
        var rule = Parse(Rule("""{ "kind": "triggerOffset", "key": "a", "label": "报告", "amount": 1, "unit": "months" }""", rollForward: null)).All[0];
        Assert.True(rule.RollForwardToWorkingDay);
    }

    [Fact]
    public void A_deadline_in_a_year_without_a_calendar_throws()
    {
        var ex = Assert.Throws<CalendarYearNotLoadedException>(() =>
            Engine.Evaluate(Catalog.Get(ReportingRuleCodes.NpcCppccProposal), D("2027-11-01")));
        Assert.Equal(2028, ex.Year);
    }

    public static TheoryData<string, string?, string, string> BadCatalogs() => new()
    {
        { """{ "rules": [] }""", null, "rules", "at least one rule" },
        { """{ "rulez": [] }""", null, "$.rulez", "not valid" },
        { Rule("""{ "kind": "triggerOffset", "key": "a", "label": "报告", "amount": 2, "unit": "weeks" }"""), "test_rule", "rules[0].deadlines[0].unit", "'weeks'" },
        { Rule("""{ "kind": "triggerOffset", "key": "a", "label": "报告", "amount": 0, "unit": "calendarDays" }"""), "test_rule", "rules[0].deadlines[0].amount", "between 1" },
        { Rule("""{ "kind": "triggerOffset", "key": "a", "label": "报告", "unit": "calendarDays" }"""), "test_rule", "rules[0].deadlines[0].amount", "required" },
        { Rule("""{ "kind": "triggerOffset", "key": "a", "label": " ", "amount": 3, "unit": "calendarDays" }"""), "test_rule", "rules[0].deadlines[0].label", "required" },
        { Rule("""{ "kind": "triggerOffset", "key": "Answer", "label": "报告", "amount": 3, "unit": "calendarDays" }"""), "test_rule", "rules[0].deadlines[0].key", "lower-case" },
        { Rule("""{ "kind": "weekly", "key": "a", "label": "报告" }"""), "test_rule", "rules[0].deadlines[0].kind", "'weekly'" },
        { Rule("""{ "key": "a", "label": "报告", "amount": 3, "unit": "months" }"""), "test_rule", "rules[0].deadlines[0].kind", "required" },
        { Rule("""{ "kind": "triggerOffset", "key": "a", "label": "报告", "amount": 3, "unit": "months" }, { "kind": "completionOffset", "key": "a", "label": "报告", "amount": 3, "unit": "months" }"""), "test_rule", "rules[0].deadlines[1].key", "used twice" },
        { Rule("""{ "kind": "fixedSchedule", "amount": 3, "reports": [] }"""), "test_rule", "rules[0].deadlines[0].amount", "does not apply" },
        { Rule("""{ "kind": "fixedSchedule", "reports": [] }"""), "test_rule", "rules[0].deadlines[0].reports", "at least one report" },
        { Rule("""{ "kind": "triggerOffset", "key": "a", "label": "报告", "amount": 3, "unit": "months", "reports": [] }"""), "test_rule", "rules[0].deadlines[0].reports", "fixedSchedule" },
        { Rule(Report("\"dueMonth\": 6, \"dueDay\": 31, \"period\": { \"start\": \"01-01\", \"end\": \"03-31\" }")), "test_rule", "rules[0].deadlines[0].reports[0].dueDay", "month 6" },
        { Rule(Report("\"dueMonth\": 13, \"dueDay\": 1, \"period\": { \"start\": \"01-01\", \"end\": \"03-31\" }")), "test_rule", "rules[0].deadlines[0].reports[0].dueMonth", "1 to 12" },
        { Rule(Report("\"dueMonth\": 4, \"dueDay\": 15, \"period\": { \"start\": \"04-01\", \"end\": \"03-31\" }")), "test_rule", "rules[0].deadlines[0].reports[0].period.end", "before the start" },
        { Rule(Report("\"dueMonth\": 3, \"dueDay\": 15, \"period\": { \"start\": \"01-01\", \"end\": \"02-29\" }")), "test_rule", "rules[0].deadlines[0].reports[0].period.end", "02-29" },
        { Rule(Report("\"dueMonth\": 4, \"dueDay\": 15")), "test_rule", "rules[0].deadlines[0].reports[0].period", "required" },
        { Rule("""{ "kind": "triggerOffset", "key": "a", "label": "报告", "amount": 3, "unit": "months" }""", code: "Leader-Instruction"), "Leader-Instruction", "rules[0].code", "lower-case" },
        { Rule("""{ "kind": "triggerOffset", "key": "a", "label": "报告", "amount": 3, "unit": "months" }""", name: ""), "test_rule", "rules[0].name", "required" },
        { Rule("", rollForward: "true"), "test_rule", "rules[0].deadlines", "at least one deadline" },
        { Rule("""{ "kind": "triggerOffset", "key": "a", "label": "报告", "amount": 3, "unit": "months" }""", rollForward: "true, \"rollForwardToWorkinDay\": true"), null, "$.rules[0].rollForwardToWorkinDay", "not valid" },
    };

    [Theory]
    [MemberData(nameof(BadCatalogs))]
    public void Bad_catalog_data_is_refused_naming_the_rule_and_field(string json, string? ruleCode, string field, string problem)
    {
        var ex = Assert.Throws<ReportingRuleDataException>(() => ReportingRuleCatalog.Parse(json, "rules.json"));

        Assert.Equal("rules.json", ex.FileName);
        Assert.Equal(ruleCode, ex.RuleCode);
        Assert.Equal(field, ex.Field);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        if (ruleCode is not null)
        {
            Assert.Contains($"rule '{ruleCode}'", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Two_rules_with_one_code_are_refused()
    {
        var rule = """{ "code": "same", "name": "规则", "description": "说明", "deadlines": [ { "kind": "triggerOffset", "key": "a", "label": "报告", "amount": 3, "unit": "months" } ] }""";
        var ex = Assert.Throws<ReportingRuleDataException>(() => ReportingRuleCatalog.Parse($$"""{ "rules": [ {{rule}}, {{rule}} ] }""", "rules.json"));

        Assert.Equal("same", ex.RuleCode);
        Assert.Equal("rules[1].code", ex.Field);
    }

    private static ReportingRuleCatalog Parse(string json) => ReportingRuleCatalog.Parse(json, "test.json");

    private static string Report(string fields) =>
        $$"""{ "kind": "fixedSchedule", "reports": [ { "key": "q1_progress", "label": "第一季度进展报告", {{fields}} } ] }""";

    private static string Rule(string deadlines, string? rollForward = "true", string code = "test_rule", string name = "测试规则")
    {
        var roll = rollForward is null ? string.Empty : $"\"rollForwardToWorkingDay\": {rollForward},";
        return $$"""
            { "rules": [ {
              "code": "{{code}}", "name": "{{name}}", "description": "测试用规则。", {{roll}}
              "deadlines": [ {{deadlines}} ]
            } ] }
            """;
    }
}
