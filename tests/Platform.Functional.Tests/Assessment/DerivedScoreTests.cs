using Grpc.Core;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Auth;
using Platform.Contracts.Assessment.V1;
using Platform.Contracts.Events.Inspection;
using Platform.Contracts.Events.Planning;
using Platform.Contracts.Events.Rectification;
using Platform.Testing;
using Xunit;

namespace Platform.Functional.Tests.Assessment;

/// <summary>
/// Derived scores: planning, rectification and inspection events become facts of the unit's year, each
/// derived leaf scores them by its points rule, and every point names the events it came from. Manual
/// and count leaves are marked by the office; routine and annual combine by the year's shares.
/// </summary>
public sealed class DerivedScoreTests(AssessmentNode node) : IClassFixture<AssessmentNode>
{
    private const int Year = 2027;
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private EvaluationService.EvaluationServiceClient Evaluation => new(node.CreateGrpcChannel());

    private static Indicator Leaf(string code, double weight, string source, double points) =>
        new() { Code = code, ParentCode = "1", Name = "指标" + code, Weight = weight, Scoring = "derived", Source = source, Points = points };

    /// <summary>One first-level indicator of 100, so a leaf's full marks are its weight.</summary>
    private static SetIndicatorSystemRequest Tree(int year) => new()
    {
        Year = year, RoutineShare = 30, AnnualShare = 70,
        Indicators =
        {
            new Indicator { Code = "1", Name = "法治政府建设", Weight = 100 },
            Leaf("1.1", 20, "tasks_on_time", 2),
            Leaf("1.2", 20, "tasks_late", 3),
            Leaf("1.3", 10, "rectification_overdue", 2),
            Leaf("1.4", 10, "rectification_escalated", 1),
            Leaf("1.5", 10, "look_back_failed", 5),
            Leaf("1.6", 10, "findings_general", 1),
            Leaf("1.7", 5, "findings_serious", 4),
            Leaf("1.8", 5, "findings_major", 3),
            new Indicator { Code = "1.9", ParentCode = "1", Name = "合法性审查", Weight = 5, Scoring = "manual" },
            new Indicator { Code = "1.10", ParentCode = "1", Name = "常务会议学法", Weight = 5, Scoring = "count_against_target", Target = 4 },
        },
    };

    private static DateTimeOffset On(int month, int day, int year = Year) => new(year, month, day, 10, 0, 0, ChinaOffset);

    private async Task<Guid> PublishAsync<T>(T message, Guid? messageId = null)
        where T : class
    {
        var id = messageId ?? Guid.NewGuid();
        await node.Services.GetRequiredService<IBus>().Publish(message, context => context.MessageId = id);
        return id;
    }

    private Task<UnitScore> ScoreOnceAsync(string unitId, Metadata? caller = null) =>
        Evaluation.GetUnitScoreAsync(new GetUnitScoreRequest { Year = Year, UnitId = unitId }, caller ?? node.Clerk).ResponseAsync;

    /// <summary>Waits until the unit's derived leaves list <paramref name="occurrences"/> points in all.</summary>
    private Task<UnitScore> ScoreWithAsync(string unitId, int occurrences, int events) => Eventually.GetAsync(
        async () =>
        {
            var score = await ScoreOnceAsync(unitId);
            var points = score.Leaves.SelectMany(l => l.Points).ToList();
            return points.Count == occurrences && points.Sum(p => p.Events.Count) == events ? score : null;
        },
        TimeSpan.FromSeconds(30), $"{occurrences} scored occurrences from {events} events");

    [Fact]
    public async Task Each_source_scores_its_events_by_the_points_rule_and_every_point_names_its_events()
    {
        await Evaluation.SetIndicatorSystemAsync(Tree(Year), node.Clerk);
        var unit = await node.UnitAsync("如皋市司法局", regionCode: "320682");
        var other = await node.UnitAsync("海安市司法局", regionCode: "320685");
        var unitId = Guid.Parse(unit.Id);
        var (plan, task) = (Guid.NewGuid(), Guid.NewGuid());
        var (onTime, lateTwice, lateOnce, item) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var due = new DateOnly(Year, 3, 31);

        var onTimeId = await PublishAsync(new ProgressReported(Guid.NewGuid(), onTime, plan, task, unitId, 100, true, false, due, "liaison", On(3, 30), AssessmentNode.NodeId));
        // Not final and in time: no fact.
        await PublishAsync(new ProgressReported(Guid.NewGuid(), onTime, plan, task, unitId, 50, false, false, new DateOnly(Year, 2, 28), "liaison", On(2, 27), AssessmentNode.NodeId));
        // The overdue notice and the late report of the same due date are one occurrence with two events.
        var overdueId = await PublishAsync(new AssignmentOverdue(lateTwice, plan, task, 3, "推行行政执法三项制度", unitId, unit.Name, due, On(4, 1), AssessmentNode.NodeId));
        var lateReportId = await PublishAsync(new ProgressReported(Guid.NewGuid(), lateTwice, plan, task, unitId, 100, true, true, due, "liaison", On(4, 3), AssessmentNode.NodeId));
        // A late report with no overdue notice before it: its point still says which task it was.
        await PublishAsync(new ProgressReported(Guid.NewGuid(), lateOnce, plan, task, unitId, 60, false, true, due, "liaison", On(4, 5), AssessmentNode.NodeId)
        {
            TaskNumber = 5, TaskTitle = "规范行政执法裁量权基准",
        });
        await PublishAsync(new RectificationOverdue(item, unitId, unit.Name, "罚没款未及时上缴", new DateOnly(Year, 5, 1), On(5, 2), AssessmentNode.NodeId));
        foreach (var step in new[] { 2, 3 })
        {
            await PublishAsync(new RectificationEscalated(item, Guid.NewGuid(), unitId, unit.Name, "罚没款未及时上缴", "serious", step == 2 ? "urge" : "supervision_letter", step,
                "逾期未整改", new DateOnly(Year, 5, 20), false, false, [], "clerk", On(5, 10 * (step - 1)), AssessmentNode.NodeId));
        }
        await PublishAsync(new RectificationReopened(item, unitId, unit.Name, "罚没款未及时上缴", "look_back", "回头看发现反弹", new DateOnly(Year, 8, 1), Guid.NewGuid(), "clerk", On(6, 1), AssessmentNode.NodeId));
        // Reopened for another cause is not a failed look-back.
        await PublishAsync(new RectificationReopened(item, unitId, unit.Name, "罚没款未及时上缴", "office_decision", "补充材料", new DateOnly(Year, 8, 1), null, "clerk", On(6, 2), AssessmentNode.NodeId));
        var generalId = await PublishAsync(Finding(unitId, "general", "执法记录不全", On(7, 1)));
        var severeOne = await PublishAsync(Finding(unitId, "severe", "无证执法", On(7, 2)));
        var severeTwo = await PublishAsync(Finding(unitId, "severe", "选择性执法", On(7, 3)));
        // A redelivery (same message id), another unit's finding and last year's finding change nothing.
        await PublishAsync(Finding(unitId, "severe", "无证执法", On(7, 2)), severeOne);
        await PublishAsync(Finding(Guid.Parse(other.Id), "serious", "他单位问题", On(7, 4)));
        await PublishAsync(Finding(unitId, "serious", "上年问题", On(12, 30, Year - 1)));

        // 1 on time, 2 late (3 events), 1 overdue, 2 escalations, 1 look-back, 1 general, 2 severe: 10 occurrences from 11 events.
        var score = await ScoreWithAsync(unit.Id, 10, 11);
        var leaves = score.Leaves.ToDictionary(l => l.Code);
        Assert.Equal(("tasks_on_time", 2.0, 2.0), (leaves["1.1"].Source, leaves["1.1"].PointsPerEvent, leaves["1.1"].Routine));
        var onTimePoint = Assert.Single(leaves["1.1"].Points);
        Assert.Equal((2.0, onTimeId.ToString(), "planning.progress_reported.v1", "2027-03-30"),
            (onTimePoint.Points, onTimePoint.Events.Single().EventId, onTimePoint.Events.Single().EventKind, onTimePoint.Events.Single().OccurredOn));

        Assert.Equal(14, leaves["1.2"].Routine);
        Assert.Equal([-3.0, -3.0], leaves["1.2"].Points.Select(p => p.Points));
        var twice = leaves["1.2"].Points[0];
        Assert.Equal([(overdueId.ToString(), "planning.assignment_overdue.v1", "2027-04-01"), (lateReportId.ToString(), "planning.progress_reported.v1", "2027-04-03")],
            twice.Events.Select(e => (e.EventId, e.EventKind, e.OccurredOn)));
        Assert.Contains("推行行政执法三项制度", twice.Detail);
        Assert.Equal("第5项 规范行政执法裁量权基准：报告逾期报送（应于2027-03-31）", leaves["1.2"].Points[1].Detail);

        Assert.Equal((8.0, "rectification.item_overdue.v1"), (leaves["1.3"].Routine, leaves["1.3"].Points.Single().Events.Single().EventKind));
        Assert.Equal((8.0, 2), (leaves["1.4"].Routine, leaves["1.4"].Points.Count));
        Assert.Equal((5.0, "rectification.item_reopened.v1"), (leaves["1.5"].Routine, leaves["1.5"].Points.Single().Events.Single().EventKind));
        Assert.Equal((9.0, generalId.ToString()), (leaves["1.6"].Routine, leaves["1.6"].Points.Single().Events.Single().EventId));
        Assert.Equal(5, leaves["1.7"].Routine); // the other unit's and last year's serious findings do not count
        Assert.Empty(leaves["1.7"].Points);
        // Deducted down to 0 and no further: the second severe finding costs the 2 points left.
        Assert.Equal(0, leaves["1.8"].Routine);
        Assert.Equal([(-3.0, severeOne.ToString()), (-2.0, severeTwo.ToString())], leaves["1.8"].Points.Select(p => (p.Points, p.Events.Single().EventId)));
        Assert.Equal("无证执法（执法规范）", leaves["1.8"].Points[0].Detail);
        // Nothing marked yet: the manual and count leaves are 0; derived leaves score alike in both evaluations.
        Assert.Equal((51.0, 51.0, 51.0), (score.Routine, score.Annual, score.Combined));
        Assert.False(leaves["1.9"].HasRoutineValue);
        // A ranking counts occurrences in the database instead of loading the facts: the same result,
        // the two-event occurrence counted once and the severe leaf stopped at 0.
        var ranked = (await Evaluation.RankUnitsAsync(new RankUnitsRequest { Year = Year }, node.Clerk)).Rankings.SelectMany(r => r.Units).Single(u => u.UnitId == unit.Id);
        Assert.Equal((51.0, 51.0, 51.0), (ranked.Routine, ranked.Annual, ranked.Combined));

        // The unit sees why it lost points; another unit may not look; an observer sees findings' points without their text.
        var own = await ScoreOnceAsync(unit.Id, node.LiaisonOf(unit.Id));
        Assert.Equal("无证执法（执法规范）", own.Leaves.Single(l => l.Code == "1.8").Points[0].Detail);
        var refused = await Assert.ThrowsAsync<RpcException>(() => ScoreOnceAsync(unit.Id, node.LiaisonOf(other.Id)));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        var observed = await ScoreOnceAsync(unit.Id, node.Observer);
        Assert.Equal((51.0, string.Empty, -3.0), (observed.Routine, observed.Leaves.Single(l => l.Code == "1.8").Points[0].Detail, observed.Leaves.Single(l => l.Code == "1.8").Points[0].Points));
        Assert.Contains("推行行政执法三项制度", observed.Leaves.Single(l => l.Code == "1.2").Points[0].Detail);
        foreach (var role in new[] { PlatformRoles.NodeOperator, PlatformRoles.Auditor, PlatformRoles.Inspector })
        {
            var denied = await Assert.ThrowsAsync<RpcException>(() => ScoreOnceAsync(unit.Id, SliceScenario.Bearer(node.Tokens.Issue(role + "-1", null, role))));
            Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        }
    }

    /// <summary>A finding as it counts: fed back to its unit (one finding per feedback here, so one event per point).</summary>
    private static FeedbackGiven Finding(Guid unitId, string severity, string title, DateTimeOffset at) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "专项督察", "special_topic", unitId, "单位",
            [new FedBackFinding(Guid.NewGuid(), title, "说明", "现场", "执法规范", severity)], "clerk", at, AssessmentNode.NodeId);

    [Fact]
    public async Task The_office_marks_manual_and_count_leaves_and_the_evaluations_combine_by_the_shares()
    {
        const int year = 2028;
        await Evaluation.SetIndicatorSystemAsync(Tree(year), node.Clerk);
        var unit = await node.UnitAsync("启东市司法局", regionCode: "320681");
        Task<LeafScore> Mark(string code, string evaluation, double value, Metadata? caller = null) => Evaluation.RecordScoreAsync(
            new RecordScoreRequest { Year = year, UnitId = unit.Id, IndicatorCode = code, Evaluation = evaluation, Value = value, Note = "材料齐全" }, caller ?? node.Clerk).ResponseAsync;

        var manual = await Mark("1.9", "routine", 4.5);
        Assert.Equal((4.5, 0.0, 5.0, 4.5), (manual.Routine, manual.Annual, manual.FullMarks, manual.RoutineValue));
        await Mark("1.9", "annual", 3);
        await Mark("1.9", "annual", 5); // recording again replaces the mark
        var count = await Mark("1.10", "routine", 2);
        Assert.Equal((2.5, 2.0), (count.Routine, count.RoutineValue)); // 2 of a target of 4: half of 5
        var beyond = await Mark("1.10", "annual", 6);
        Assert.Equal(5, beyond.Annual); // more than the target earns the full marks, no more

        var score = await Evaluation.GetUnitScoreAsync(new GetUnitScoreRequest { Year = year, UnitId = unit.Id }, node.Clerk);
        // No events: deducting leaves keep their full marks (20+10+10+10+10+5+5 = 70), earning ones are 0.
        Assert.Equal((77.0, 80.0), (score.Routine, score.Annual));
        Assert.Equal(79.1, score.Combined); // 77 × 30 % + 80 × 70 %

        Assert.Equal("value", Violation(await Assert.ThrowsAsync<RpcException>(() => Mark("1.9", "routine", 5.5))).Field);
        Assert.Equal("value", Violation(await Assert.ThrowsAsync<RpcException>(() => Mark("1.9", "routine", 1.005))).Field);
        Assert.Equal("value", Violation(await Assert.ThrowsAsync<RpcException>(() => Mark("1.10", "routine", 2.5))).Field);
        var derived = Violation(await Assert.ThrowsAsync<RpcException>(() => Mark("1.2", "routine", 1)));
        Assert.Equal(("indicator_code", "1.2 is derived from tasks_late events and cannot be marked by hand"), (derived.Field, derived.Description));
        Assert.Equal("indicator_code", Violation(await Assert.ThrowsAsync<RpcException>(() => Mark("1", "routine", 1))).Field);
        Assert.Equal("indicator_code", Violation(await Assert.ThrowsAsync<RpcException>(() => Mark("9.9", "routine", 1))).Field);
        Assert.Equal("evaluation", Violation(await Assert.ThrowsAsync<RpcException>(() => Mark("1.9", "weekly", 1))).Field);
        var notUnit = await Assert.ThrowsAsync<RpcException>(() => Evaluation.RecordScoreAsync(
            new RecordScoreRequest { Year = year, UnitId = Guid.NewGuid().ToString(), IndicatorCode = "1.9", Evaluation = "routine", Value = 1 }, node.Clerk).ResponseAsync);
        Assert.Equal("unit_id", Violation(notUnit).Field);
        var noTree = await Assert.ThrowsAsync<RpcException>(() => Evaluation.RecordScoreAsync(
            new RecordScoreRequest { Year = 2090, UnitId = unit.Id, IndicatorCode = "1.9", Evaluation = "routine", Value = 1 }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, noTree.StatusCode);
        foreach (var caller in new[] { node.Observer, node.LiaisonOf(unit.Id) })
        {
            var denied = await Assert.ThrowsAsync<RpcException>(() => Mark("1.9", "routine", 1, caller));
            Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        }
        var unchanged = await Evaluation.GetUnitScoreAsync(new GetUnitScoreRequest { Year = year, UnitId = unit.Id }, node.Clerk);
        Assert.Equal(score, unchanged);
    }

    [Fact]
    public async Task Over_rest_the_office_marks_and_reads_a_score_and_a_bad_value_is_a_400_naming_the_field()
    {
        const int year = 2029;
        await Evaluation.SetIndicatorSystemAsync(Tree(year), node.Clerk);
        var unit = await node.UnitAsync("海门区司法局", regionCode: "320684");
        using var http = node.CreateClient();
        using (var response = await SendAsync(http, HttpMethod.Post, $"/api/assessment/v1/scores/{year}/units/{unit.Id}:record", """{"indicatorCode":"1.9","evaluation":"annual","value":9}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            var violation = Assert.Single(body.GetProperty("details")[0].GetProperty("fieldViolations").EnumerateArray());
            Assert.Equal("value", violation.GetProperty("field").GetString());
            Assert.Contains("the 5 points 1.9 is worth", violation.GetProperty("description").GetString());
        }
        using (var response = await SendAsync(http, HttpMethod.Post, $"/api/assessment/v1/scores/{year}/units/{unit.Id}:record", """{"indicatorCode":"1.9","evaluation":"annual","value":4}"""))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        using (var response = await SendAsync(http, HttpMethod.Get, $"/api/assessment/v1/scores/{year}/units/{unit.Id}", null))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(74, body.GetProperty("annual").GetDouble()); // 70 from the untouched deducting leaves + 4
            Assert.Equal(10, body.GetProperty("leaves").GetArrayLength());
        }
        using (var response = await SendAsync(http, HttpMethod.Get, $"/api/assessment/v1/scores/{year}/units/not-a-guid", null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    private static Google.Rpc.BadRequest.Types.FieldViolation Violation(RpcException error)
    {
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        return Assert.Single(error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.OfficeStaff());
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task A_report_filed_in_planning_scores_with_its_task_number_and_title()
    {
        var year = DateTimeOffset.UtcNow.ToOffset(ChinaOffset).Year;
        await Evaluation.SetIndicatorSystemAsync(Tree(year), node.Clerk);
        var unit = await node.UnitAsync("如皋市市场监督管理局", regionCode: "320682");
        var plan = await node.Planning.CreatePlanAsync(new Platform.Contracts.Planning.V1.CreatePlanRequest
        {
            Title = SliceScenario.UniqueName("如皋市法治政府建设要点"), Year = year,
            Tasks = { new Platform.Contracts.Planning.V1.NewTask { Title = "推行行政执法公示制度", Deadline = $"{year}-12-31", LeadUnitIds = { unit.Id } } },
        }, node.Clerk);
        await node.Planning.IssuePlanAsync(new Platform.Contracts.Planning.V1.IssuePlanRequest { PlanId = plan.Id }, node.Clerk);
        var assignment = (await node.Planning.AssignTaskAsync(new Platform.Contracts.Planning.V1.AssignTaskRequest { TaskId = plan.Tasks[0].Id }, node.Clerk)).Assignments.Single();
        await node.Planning.ReportProgressAsync(new Platform.Contracts.Planning.V1.ReportProgressRequest
        {
            AssignmentId = assignment.Id, Text = "公示制度已全面推行。", Percent = 100, Final = true,
        }, node.LiaisonOf(unit.Id));

        var point = await Eventually.GetAsync(
            async () => (await Evaluation.GetUnitScoreAsync(new GetUnitScoreRequest { Year = year, UnitId = unit.Id }, node.Clerk)).Leaves
                .Single(l => l.Code == "1.1").Points.SingleOrDefault(),
            TimeSpan.FromSeconds(30), "the on-time point of the report filed in planning");
        Assert.StartsWith($"第{plan.Tasks[0].Number}项 推行行政执法公示制度：", point.Detail);
    }
}
