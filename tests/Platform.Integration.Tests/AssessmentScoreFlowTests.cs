using Platform.Contracts.Assessment.V1;
using Platform.Contracts.Inspection.V1;
using Platform.Contracts.Planning.V1;
using Platform.Contracts.Rectification.V1;

namespace Platform.Integration.Tests;

/// <summary>
/// The score flow on the distributed node (PostgreSQL, RabbitMQ, every call through the gateway): a
/// unit that planning creates reaches assessment by event; its final progress report (planning), a
/// serious finding (inspection) and the escalation steps of the item it opened (rectification) reach
/// assessment over RabbitMQ as facts, and the unit's score shows the points with the events they came from.
/// </summary>
[Collection(DistributedNodeCollection.Name)]
public sealed class AssessmentScoreFlowTests(DistributedNode node)
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task Planning_inspection_and_rectification_events_become_derived_points_with_their_events()
    {
        node.SkipIfUnavailable();
        var channel = node.CreateGatewayChannel();
        var planning = new PlanningService.PlanningServiceClient(channel);
        var inspection = new InspectionService.InspectionServiceClient(channel);
        var rectification = new RectificationService.RectificationServiceClient(channel);
        var assessment = new AssessmentService.AssessmentServiceClient(channel);
        var evaluation = new EvaluationService.EvaluationServiceClient(channel);
        var clerk = SliceScenario.Bearer(node.Tokens.OfficeStaff());
        var year = DateTime.UtcNow.AddHours(8).Year;

        // The unit, made in planning, reaches assessment by planning.unit_saved.v1.
        var unit = await planning.CreateUnitAsync(new CreateUnitRequest { Name = SliceScenario.UniqueName("通州区司法局"), Kind = "department", RegionCode = "320612" }, clerk);
        var unitId = Guid.Parse(unit.Id);
        var liaison = SliceScenario.Bearer(node.Tokens.Liaison(unitId));
        await Eventually.GetAsync(
            async () => (await assessment.ListAssessmentUnitsAsync(new ListAssessmentUnitsRequest { PageSize = 500 }, clerk)).Units.FirstOrDefault(u => u.Id == unit.Id),
            DeliveryTimeout, "the unit in assessment");

        // The year's tree: three derived leaves, one per service the events come from.
        var tree = new SetIndicatorSystemRequest { Year = year, RoutineShare = 40, AnnualShare = 60 };
        tree.Indicators.Add(new Indicator { Code = "1", Name = "依法履职", Weight = 100 });
        tree.Indicators.Add(new Indicator { Code = "1.1", ParentCode = "1", Name = "任务按时完成", Weight = 40, Scoring = "derived", Source = "tasks_on_time", Points = 5 });
        tree.Indicators.Add(new Indicator { Code = "1.2", ParentCode = "1", Name = "督察发现较重问题", Weight = 30, Scoring = "derived", Source = "findings_serious", Points = 4 });
        tree.Indicators.Add(new Indicator { Code = "1.3", ParentCode = "1", Name = "整改升级督办", Weight = 30, Scoring = "derived", Source = "rectification_escalated", Points = 2.5 });
        await evaluation.SetIndicatorSystemAsync(tree, clerk);

        // Planning: a task led by the unit, reported done on time.
        var plan = await planning.CreatePlanAsync(new CreatePlanRequest
        {
            Title = SliceScenario.UniqueName("通州区法治政府建设要点"), Year = year,
            Tasks = { new NewTask { Title = "推行行政执法三项制度", Deadline = "2099-12-31", LeadUnitIds = { unit.Id } } },
        }, clerk);
        await planning.IssuePlanAsync(new IssuePlanRequest { PlanId = plan.Id }, clerk);
        var assignment = (await planning.AssignTaskAsync(new AssignTaskRequest { TaskId = plan.Tasks[0].Id }, clerk)).Assignments.Single();
        await planning.ReportProgressAsync(new Platform.Contracts.Planning.V1.ReportProgressRequest { AssignmentId = assignment.Id, Text = "三项制度已全面推行。", Percent = 100, Final = true }, liaison);

        // Inspection: a serious finding against the unit and the feedback that opens its rectification item.
        var inspectorUser = SliceScenario.UniqueName("insp-");
        var inspector = await inspection.RegisterInspectorAsync(new RegisterInspectorRequest { Name = "周督察", UserId = inspectorUser, Expertise = { "enforcement" } }, clerk);
        var mission = await inspection.CreateMissionAsync(new CreateMissionRequest
        {
            Title = SliceScenario.UniqueName("行政执法专项督察"), Kind = "special_topic", Year = year, Methods = { "file_checks" },
            StartsOn = $"{year}-06-01", EndsOn = $"{year}-06-30",
            Targets = { new Platform.Contracts.Inspection.V1.MissionTarget { UnitId = unit.Id, UnitName = unit.Name, RegionCode = "320612" } },
        }, clerk);
        await inspection.FormTeamAsync(new FormTeamRequest { MissionId = mission.Id, InspectorIds = { inspector.Id }, LeaderInspectorId = inspector.Id }, clerk);
        foreach (var state in new[] { "notified", "in_progress" })
        {
            await inspection.TransitionMissionAsync(new TransitionMissionRequest { MissionId = mission.Id, ToState = state }, clerk);
        }
        var finding = await inspection.RecordFindingAsync(new RecordFindingRequest
        {
            MissionId = mission.Id, ResponsibleUnitId = unit.Id, Title = "行政处罚决定未按规定公示", Description = "抽查20件，6件未在7个工作日内公示。",
            Category = "行政执法", Severity = "serious",
        }, SliceScenario.Bearer(node.Tokens.Issue(inspectorUser, null, "inspector")));
        await inspection.TransitionMissionAsync(new TransitionMissionRequest { MissionId = mission.Id, ToState = "reporting" }, clerk);
        await inspection.GiveFeedbackAsync(new GiveFeedbackRequest { MissionId = mission.Id, UnitId = unit.Id }, clerk);

        // Rectification: the item the feedback opened, escalated twice.
        var item = await Eventually.GetAsync(
            async () => (await rectification.ListItemsAsync(new ListItemsRequest(), liaison)).Items.SingleOrDefault(),
            DeliveryTimeout, "the rectification item opened by the feedback");
        await rectification.ApplyEscalationAsync(new ApplyEscalationRequest { ItemId = item.Id, Step = "reminder", Reason = "整改进度滞后" }, clerk);
        await rectification.ApplyEscalationAsync(new ApplyEscalationRequest { ItemId = item.Id, Step = "urge", Reason = "提醒后仍未报送整改方案" }, clerk);

        // Assessment: the unit sees every point with the event it came from.
        var score = await Eventually.GetAsync(async () =>
        {
            var current = await evaluation.GetUnitScoreAsync(new GetUnitScoreRequest { Year = year, UnitId = unit.Id }, liaison);
            return current.Leaves.Sum(l => l.Points.Count) == 4 ? current : null;
        }, DeliveryTimeout, "the four derived points");
        var leaves = score.Leaves.ToDictionary(l => l.Code);

        var onTime = leaves["1.1"].Points.Single();
        Assert.Equal(5, onTime.Points);
        Assert.Equal("planning.progress_reported.v1", onTime.Events.Single().EventKind);
        Assert.Equal(5, leaves["1.1"].Annual);

        var serious = leaves["1.2"].Points.Single();
        Assert.Equal(-4, serious.Points);
        Assert.Equal("inspection.feedback_given.v1", serious.Events.Single().EventKind);
        Assert.Contains(finding.Id, serious.Subject, StringComparison.Ordinal);
        Assert.Equal(26, leaves["1.2"].Annual);

        var escalations = leaves["1.3"].Points;
        Assert.Equal([-2.5, -2.5], escalations.Select(p => p.Points));
        Assert.All(escalations, p => Assert.Equal("rectification.item_escalated.v1", p.Events.Single().EventKind));
        Assert.Equal(25, leaves["1.3"].Annual);
        Assert.Equal(56, score.Annual);
        Assert.Equal(56, score.Combined);

        // The office and observers see the unit ranked; a sibling unit sees nothing of its score.
        var ranking = await evaluation.RankUnitsAsync(new RankUnitsRequest { Year = year, Level = "county", Kind = "department" }, SliceScenario.Bearer(node.Tokens.Observer()));
        Assert.Contains(ranking.Rankings.SelectMany(r => r.Units), u => u.UnitId == unit.Id && u.Combined == 56);
        var sibling = await Assert.ThrowsAsync<RpcException>(() => evaluation.GetUnitScoreAsync(
            new GetUnitScoreRequest { Year = year, UnitId = unit.Id }, SliceScenario.Bearer(node.Tokens.Liaison(Guid.CreateVersion7()))).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, sibling.StatusCode);
    }
}
