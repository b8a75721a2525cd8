using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Grpc;
using Platform.Contracts.Common.V1;
using Platform.Inspection.Module.Features.AddEvidence;
using Platform.Inspection.Module.Features.CreateMission;
using Platform.Inspection.Module.Features.CreateQuestionnaire;
using Platform.Inspection.Module.Features.FormTeam;
using Platform.Inspection.Module.Features.GenerateMissionReport;
using Platform.Inspection.Module.Features.GetClue;
using Platform.Inspection.Module.Features.GetFinding;
using Platform.Inspection.Module.Features.GetMission;
using Platform.Inspection.Module.Features.GetQuestionnaire;
using Platform.Inspection.Module.Features.GiveFeedback;
using Platform.Inspection.Module.Features.ListClues;
using Platform.Inspection.Module.Features.ListFeedback;
using Platform.Inspection.Module.Features.ListFindings;
using Platform.Inspection.Module.Features.ListInspectors;
using Platform.Inspection.Module.Features.ListIntegrators;
using Platform.Inspection.Module.Features.ListMissions;
using Platform.Inspection.Module.Features.ListQuestionnaires;
using Platform.Inspection.Module.Features.MergeClues;
using Platform.Inspection.Module.Features.RecordFinding;
using Platform.Inspection.Module.Features.RecordFindings;
using Platform.Inspection.Module.Features.RegisterInspector;
using Platform.Inspection.Module.Features.RegisterIntegrator;
using Platform.Inspection.Module.Features.RevokeIntegrator;
using Platform.Inspection.Module.Features.RotateIntegratorKey;
using Platform.Inspection.Module.Features.SetInspectorAvailability;
using Platform.Inspection.Module.Features.SplitClue;
using Platform.Inspection.Module.Features.SubmitQuestionnaireAnswer;
using Platform.Inspection.Module.Features.SummariseQuestionnaire;
using Platform.Inspection.Module.Features.TransitionMission;
using Platform.Inspection.Module.Features.TriageClue;
using Clue = Platform.Contracts.Inspection.V1.Clue;
using Feedback = Platform.Contracts.Inspection.V1.Feedback;
using Finding = Platform.Contracts.Inspection.V1.Finding;
using Inspector = Platform.Contracts.Inspection.V1.Inspector;
using Integrator = Platform.Contracts.Inspection.V1.Integrator;
using Mission = Platform.Contracts.Inspection.V1.Mission;
using Questionnaire = Platform.Contracts.Inspection.V1.Questionnaire;

namespace Platform.Inspection.Module.Grpc;

/// <summary>platform.inspection.v1.InspectionService: a thin adapter onto the use-case handlers, resolved per call.</summary>
public sealed class InspectionGrpcService(IServiceProvider services) : InspectionService.InspectionServiceBase
{
    private T Resolve<T>()
        where T : notnull => services.GetRequiredService<T>();

    public override Task<Inspector> RegisterInspector(RegisterInspectorRequest request, ServerCallContext context) =>
        Resolve<RegisterInspectorHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Inspector> SetInspectorAvailability(SetInspectorAvailabilityRequest request, ServerCallContext context) =>
        Resolve<SetInspectorAvailabilityHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListInspectorsResponse> ListInspectors(ListInspectorsRequest request, ServerCallContext context) =>
        Resolve<ListInspectorsHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Mission> CreateMission(CreateMissionRequest request, ServerCallContext context) =>
        Resolve<CreateMissionHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Mission> GetMission(GetMissionRequest request, ServerCallContext context) =>
        Resolve<GetMissionHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListMissionsResponse> ListMissions(ListMissionsRequest request, ServerCallContext context) =>
        Resolve<ListMissionsHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Mission> FormTeam(FormTeamRequest request, ServerCallContext context) =>
        Resolve<FormTeamHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Mission> TransitionMission(TransitionMissionRequest request, ServerCallContext context) =>
        Resolve<TransitionMissionHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Finding> RecordFinding(RecordFindingRequest request, ServerCallContext context) =>
        Resolve<RecordFindingHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<RecordFindingsResponse> RecordFindings(RecordFindingsRequest request, ServerCallContext context) =>
        Resolve<RecordFindingsHandler>().HandleAsync(request, context.CancellationToken);

    [AuditRead("finding", "finding_id")]
    public override Task<Finding> GetFinding(GetFindingRequest request, ServerCallContext context) =>
        Resolve<GetFindingHandler>().HandleAsync(request, context.CancellationToken);

    [AuditRead("finding")]
    public override Task<ListFindingsResponse> ListFindings(ListFindingsRequest request, ServerCallContext context) =>
        Resolve<ListFindingsHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Evidence> AddEvidence(AddEvidenceRequest request, ServerCallContext context) =>
        Resolve<AddEvidenceHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Feedback> GiveFeedback(GiveFeedbackRequest request, ServerCallContext context) =>
        Resolve<GiveFeedbackHandler>().HandleAsync(request, context.CancellationToken);

    [AuditRead("feedback")]
    public override Task<ListFeedbackResponse> ListFeedback(ListFeedbackRequest request, ServerCallContext context) =>
        Resolve<ListFeedbackHandler>().HandleAsync(request, context.CancellationToken);

    [AuditRead("mission_report", "mission_id")]
    public override Task<MissionReport> GenerateMissionReport(GenerateMissionReportRequest request, ServerCallContext context) =>
        Resolve<GenerateMissionReportHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Questionnaire> CreateQuestionnaire(CreateQuestionnaireRequest request, ServerCallContext context) =>
        Resolve<CreateQuestionnaireHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Questionnaire> GetQuestionnaire(GetQuestionnaireRequest request, ServerCallContext context) =>
        Resolve<GetQuestionnaireHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListQuestionnairesResponse> ListQuestionnaires(ListQuestionnairesRequest request, ServerCallContext context) =>
        Resolve<ListQuestionnairesHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<QuestionnaireAnswerReceipt> SubmitQuestionnaireAnswer(SubmitQuestionnaireAnswerRequest request, ServerCallContext context) =>
        Resolve<SubmitQuestionnaireAnswerHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<QuestionnaireSummary> SummariseQuestionnaire(SummariseQuestionnaireRequest request, ServerCallContext context) =>
        Resolve<SummariseQuestionnaireHandler>().HandleAsync(request, context.CancellationToken);

    [AuditRead("clue", "clue_id")]
    public override Task<Clue> GetClue(GetClueRequest request, ServerCallContext context) =>
        Resolve<GetClueHandler>().HandleAsync(request, context.CancellationToken);

    [AuditRead("clue")]
    public override Task<ListCluesResponse> ListClues(ListCluesRequest request, ServerCallContext context) =>
        Resolve<ListCluesHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Clue> TriageClue(TriageClueRequest request, ServerCallContext context) =>
        Resolve<TriageClueHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<MergeCluesResponse> MergeClues(MergeCluesRequest request, ServerCallContext context) =>
        Resolve<MergeCluesHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Clue> SplitClue(SplitClueRequest request, ServerCallContext context) =>
        Resolve<SplitClueHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<RegisteredIntegrator> RegisterIntegrator(RegisterIntegratorRequest request, ServerCallContext context) =>
        Resolve<RegisterIntegratorHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Integrator> RevokeIntegrator(RevokeIntegratorRequest request, ServerCallContext context) =>
        Resolve<RevokeIntegratorHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<RegisteredIntegrator> RotateIntegratorKey(RotateIntegratorKeyRequest request, ServerCallContext context) =>
        Resolve<RotateIntegratorKeyHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListIntegratorsResponse> ListIntegrators(ListIntegratorsRequest request, ServerCallContext context) =>
        Resolve<ListIntegratorsHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ServiceDescription> DescribeService(DescribeServiceRequest request, ServerCallContext context) =>
        Resolve<ServiceDescriber<InspectionDbContext>>().DescribeAsync(InspectionModule.ServiceName, context.GetHttpContext().GetPlatformUser(), context.CancellationToken);
}
