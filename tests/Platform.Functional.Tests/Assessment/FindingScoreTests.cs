using Grpc.Core;
using Platform.Contracts.Assessment.V1;
using Platform.Contracts.Inspection.V1;
using Platform.Testing;
using Xunit;

namespace Platform.Functional.Tests.Assessment;

/// <summary>
/// An inspection finding reaches a unit's derived score only once inspection fed it back to the unit:
/// before that, inspection hides the finding from the unit, and the score must not show its id and
/// title either — to the unit or to anyone else. From the feedback on, the unit and the office see the point.
/// </summary>
public sealed class FindingScoreTests(AssessmentNode node) : IClassFixture<AssessmentNode>
{
    [Fact]
    public async Task A_finding_counts_in_the_units_score_only_from_its_feedback()
    {
        var channel = node.CreateGrpcChannel();
        var inspection = new InspectionService.InspectionServiceClient(channel);
        var evaluation = new EvaluationService.EvaluationServiceClient(channel);
        var year = DateTime.UtcNow.AddHours(8).Year;
        var unit = await node.UnitAsync("如皋市司法局", regionCode: "320682");
        var liaison = node.LiaisonOf(unit.Id);

        var tree = new SetIndicatorSystemRequest { Year = year, RoutineShare = 40, AnnualShare = 60 };
        tree.Indicators.Add(new Indicator { Code = "1", Name = "依法履职", Weight = 100 });
        tree.Indicators.Add(new Indicator { Code = "1.1", ParentCode = "1", Name = "督察发现较重问题", Weight = 100, Scoring = "derived", Source = "findings_serious", Points = 4 });
        await evaluation.SetIndicatorSystemAsync(tree, node.Clerk);

        var inspectorUser = SliceScenario.UniqueName("insp-");
        var inspector = await inspection.RegisterInspectorAsync(new RegisterInspectorRequest { Name = "周督察", UserId = inspectorUser, Expertise = { "enforcement" } }, node.Clerk);
        var asInspector = SliceScenario.Bearer(node.Tokens.Issue(inspectorUser, null, "inspector"));
        async Task<(Mission Mission, Finding Finding)> RecordAsync(string title)
        {
            var mission = await inspection.CreateMissionAsync(new CreateMissionRequest
            {
                Title = SliceScenario.UniqueName("行政执法专项督察"), Kind = "special_topic", Year = year, Methods = { "file_checks" },
                StartsOn = $"{year}-06-01", EndsOn = $"{year}-06-30",
                Targets = { new MissionTarget { UnitId = unit.Id, UnitName = unit.Name, RegionCode = "320682" } },
            }, node.Clerk);
            await inspection.FormTeamAsync(new FormTeamRequest { MissionId = mission.Id, InspectorIds = { inspector.Id }, LeaderInspectorId = inspector.Id }, node.Clerk);
            foreach (var state in new[] { "notified", "in_progress" })
            {
                await inspection.TransitionMissionAsync(new TransitionMissionRequest { MissionId = mission.Id, ToState = state }, node.Clerk);
            }
            var finding = await inspection.RecordFindingAsync(new RecordFindingRequest
            {
                MissionId = mission.Id, ResponsibleUnitId = unit.Id, Title = title, Description = "抽查20件，6件未在7个工作日内公示。",
                Category = "行政执法", Severity = "serious",
            }, asInspector);
            return (mission, finding);
        }

        // Recorded, not fed back: inspection hides it from the unit, and so does the score.
        var (_, hidden) = await RecordAsync("未反馈的问题");
        var notYet = await Assert.ThrowsAsync<RpcException>(() => inspection.GetFindingAsync(new GetFindingRequest { FindingId = hidden.Id }, liaison).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, notYet.StatusCode);
        Assert.Empty((await evaluation.GetUnitScoreAsync(new GetUnitScoreRequest { Year = year, UnitId = unit.Id }, liaison)).Leaves.Single(l => l.Code == "1.1").Points);

        // Another finding, fed back: from the feedback on it counts, for the unit and the office alike.
        var (mission, fedBack) = await RecordAsync("行政处罚决定未按规定公示");
        await inspection.TransitionMissionAsync(new TransitionMissionRequest { MissionId = mission.Id, ToState = "reporting" }, node.Clerk);
        await inspection.GiveFeedbackAsync(new GiveFeedbackRequest { MissionId = mission.Id, UnitId = unit.Id }, node.Clerk);
        Assert.Equal(fedBack.Id, (await inspection.GetFindingAsync(new GetFindingRequest { FindingId = fedBack.Id }, liaison)).Id);
        var own = await Eventually.GetAsync(
            async () => (await evaluation.GetUnitScoreAsync(new GetUnitScoreRequest { Year = year, UnitId = unit.Id }, liaison)) is var s && s.Leaves.Single(l => l.Code == "1.1").Points.Count > 0 ? s : null,
            TimeSpan.FromSeconds(30), "the fed-back finding's point");
        foreach (var score in new[] { own, await evaluation.GetUnitScoreAsync(new GetUnitScoreRequest { Year = year, UnitId = unit.Id }, node.Clerk) })
        {
            // Only the fed-back finding: the one never fed back has no point, for the unit or the office.
            var point = Assert.Single(score.Leaves.Single(l => l.Code == "1.1").Points);
            Assert.Equal(($"finding {fedBack.Id}", "行政处罚决定未按规定公示（行政执法）", -4.0, "inspection.feedback_given.v1"),
                (point.Subject, point.Detail, point.Points, point.Events.Single().EventKind));
            Assert.DoesNotContain(score.Leaves.SelectMany(l => l.Points), p => p.Subject.Contains(hidden.Id, StringComparison.Ordinal));
        }
    }
}
