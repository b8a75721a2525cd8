using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Grpc;
using Platform.Contracts.Common.V1;
using Platform.Contracts.Inspection.V1;
using Platform.Inspection.Module.Features.Clues;
using Platform.Inspection.Module.Features.FeedbackToUnits;
using Platform.Inspection.Module.Features.Findings;
using Platform.Inspection.Module.Features.Inspectors;
using Platform.Inspection.Module.Features.Integrators;
using Platform.Inspection.Module.Features.MissionReport;
using Platform.Inspection.Module.Features.Missions;
using Platform.Inspection.Module.Features.Questionnaires;
using Platform.Inspection.Module.Infrastructure;

namespace Platform.Inspection.Module.Grpc;

/// <summary>platform.inspection.v1.InspectionService: a thin adapter onto the features, resolved per call.</summary>
public sealed class InspectionGrpcService(IServiceProvider services) : InspectionService.InspectionServiceBase
{
    private T Feature<T>()
        where T : notnull => services.GetRequiredService<T>();

    public override Task<Inspector> RegisterInspector(RegisterInspectorRequest request, ServerCallContext context) =>
        Feature<InspectorsFeature>().RegisterAsync(request, context.CancellationToken);

    public override Task<Inspector> SetInspectorAvailability(SetInspectorAvailabilityRequest request, ServerCallContext context) =>
        Feature<InspectorsFeature>().SetAvailabilityAsync(request, context.CancellationToken);

    public override Task<ListInspectorsResponse> ListInspectors(ListInspectorsRequest request, ServerCallContext context) =>
        Feature<InspectorsFeature>().ListAsync(request, context.CancellationToken);

    public override Task<Mission> CreateMission(CreateMissionRequest request, ServerCallContext context) =>
        Feature<MissionsFeature>().CreateAsync(request, context.CancellationToken);

    public override Task<Mission> GetMission(GetMissionRequest request, ServerCallContext context) =>
        Feature<MissionsFeature>().GetAsync(request, context.CancellationToken);

    public override Task<ListMissionsResponse> ListMissions(ListMissionsRequest request, ServerCallContext context) =>
        Feature<MissionsFeature>().ListAsync(request, context.CancellationToken);

    public override Task<Mission> FormTeam(FormTeamRequest request, ServerCallContext context) =>
        Feature<MissionsFeature>().FormTeamAsync(request, context.CancellationToken);

    public override Task<Mission> TransitionMission(TransitionMissionRequest request, ServerCallContext context) =>
        Feature<MissionsFeature>().TransitionAsync(request, context.CancellationToken);

    public override Task<Finding> RecordFinding(RecordFindingRequest request, ServerCallContext context) =>
        Feature<FindingsFeature>().RecordAsync(request, context.CancellationToken);

    public override Task<RecordFindingsResponse> RecordFindings(RecordFindingsRequest request, ServerCallContext context) =>
        Feature<FindingsFeature>().RecordManyAsync(request, context.CancellationToken);

    [AuditRead("finding", "finding_id")]
    public override Task<Finding> GetFinding(GetFindingRequest request, ServerCallContext context) =>
        Feature<FindingsFeature>().GetAsync(request, context.CancellationToken);

    [AuditRead("finding")]
    public override Task<ListFindingsResponse> ListFindings(ListFindingsRequest request, ServerCallContext context) =>
        Feature<FindingsFeature>().ListAsync(request, context.CancellationToken);

    public override Task<Evidence> AddEvidence(AddEvidenceRequest request, ServerCallContext context) =>
        Feature<FindingsFeature>().AddEvidenceAsync(request, context.CancellationToken);

    public override Task<Feedback> GiveFeedback(GiveFeedbackRequest request, ServerCallContext context) =>
        Feature<FeedbackFeature>().GiveAsync(request, context.CancellationToken);

    [AuditRead("feedback")]
    public override Task<ListFeedbackResponse> ListFeedback(ListFeedbackRequest request, ServerCallContext context) =>
        Feature<FeedbackFeature>().ListAsync(request, context.CancellationToken);

    [AuditRead("mission_report", "mission_id")]
    public override Task<MissionReport> GenerateMissionReport(GenerateMissionReportRequest request, ServerCallContext context) =>
        Feature<MissionReportFeature>().GenerateAsync(request, context.CancellationToken);

    public override Task<Questionnaire> CreateQuestionnaire(CreateQuestionnaireRequest request, ServerCallContext context) =>
        Feature<QuestionnairesFeature>().CreateAsync(request, context.CancellationToken);

    public override Task<Questionnaire> GetQuestionnaire(GetQuestionnaireRequest request, ServerCallContext context) =>
        Feature<QuestionnairesFeature>().GetAsync(request, context.CancellationToken);

    public override Task<ListQuestionnairesResponse> ListQuestionnaires(ListQuestionnairesRequest request, ServerCallContext context) =>
        Feature<QuestionnairesFeature>().ListAsync(request, context.CancellationToken);

    public override Task<QuestionnaireAnswerReceipt> SubmitQuestionnaireAnswer(SubmitQuestionnaireAnswerRequest request, ServerCallContext context) =>
        Feature<QuestionnairesFeature>().SubmitAsync(request, context.CancellationToken);

    public override Task<QuestionnaireSummary> SummariseQuestionnaire(SummariseQuestionnaireRequest request, ServerCallContext context) =>
        Feature<QuestionnairesFeature>().SummariseAsync(request, context.CancellationToken);

    [AuditRead("clue", "clue_id")]
    public override Task<Clue> GetClue(GetClueRequest request, ServerCallContext context) =>
        Feature<CluesFeature>().GetAsync(request, context.CancellationToken);

    [AuditRead("clue")]
    public override Task<ListCluesResponse> ListClues(ListCluesRequest request, ServerCallContext context) =>
        Feature<CluesFeature>().ListAsync(request, context.CancellationToken);

    public override Task<Clue> TriageClue(TriageClueRequest request, ServerCallContext context) =>
        Feature<CluesFeature>().TriageAsync(request, context.CancellationToken);

    public override Task<MergeCluesResponse> MergeClues(MergeCluesRequest request, ServerCallContext context) =>
        Feature<CluesFeature>().MergeAsync(request, context.CancellationToken);

    public override Task<Clue> SplitClue(SplitClueRequest request, ServerCallContext context) =>
        Feature<CluesFeature>().SplitAsync(request, context.CancellationToken);

    public override Task<RegisteredIntegrator> RegisterIntegrator(RegisterIntegratorRequest request, ServerCallContext context) =>
        Feature<IntegratorsFeature>().RegisterAsync(request, context.CancellationToken);

    public override Task<Integrator> RevokeIntegrator(RevokeIntegratorRequest request, ServerCallContext context) =>
        Feature<IntegratorsFeature>().RevokeAsync(request, context.CancellationToken);

    public override Task<RegisteredIntegrator> RotateIntegratorKey(RotateIntegratorKeyRequest request, ServerCallContext context) =>
        Feature<IntegratorsFeature>().RotateKeyAsync(request, context.CancellationToken);

    public override Task<ListIntegratorsResponse> ListIntegrators(ListIntegratorsRequest request, ServerCallContext context) =>
        Feature<IntegratorsFeature>().ListAsync(request, context.CancellationToken);

    public override Task<ServiceDescription> DescribeService(DescribeServiceRequest request, ServerCallContext context) =>
        Feature<ServiceDescriber<InspectionDbContext>>().DescribeAsync(InspectionModule.ServiceName, context.GetHttpContext().GetPlatformUser(), context.CancellationToken);
}
