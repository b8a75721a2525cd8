using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Files;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Persistence;
using Platform.Inspection.Module.Features.AddEvidence;
using Platform.Inspection.Module.Features.Clues;
using Platform.Inspection.Module.Features.CreateMission;
using Platform.Inspection.Module.Features.CreateQuestionnaire;
using Platform.Inspection.Module.Features.DownloadEvidence;
using Platform.Inspection.Module.Features.DownloadMissionDocument;
using Platform.Inspection.Module.Features.Downloads;
using Platform.Inspection.Module.Features.Findings;
using Platform.Inspection.Module.Features.FormTeam;
using Platform.Inspection.Module.Features.GenerateMissionReport;
using Platform.Inspection.Module.Features.GetClue;
using Platform.Inspection.Module.Features.GetFinding;
using Platform.Inspection.Module.Features.GetMission;
using Platform.Inspection.Module.Features.GetPublicQuestionnaire;
using Platform.Inspection.Module.Features.GetQuestionnaire;
using Platform.Inspection.Module.Features.GiveFeedback;
using Platform.Inspection.Module.Features.Integrators;
using Platform.Inspection.Module.Features.ListClues;
using Platform.Inspection.Module.Features.ListFeedback;
using Platform.Inspection.Module.Features.ListFindings;
using Platform.Inspection.Module.Features.ListInspectors;
using Platform.Inspection.Module.Features.ListIntegrators;
using Platform.Inspection.Module.Features.ListMissions;
using Platform.Inspection.Module.Features.ListQuestionnaires;
using Platform.Inspection.Module.Features.MergeClues;
using Platform.Inspection.Module.Features.Missions;
using Platform.Inspection.Module.Features.Questionnaires;
using Platform.Inspection.Module.Features.RecordFinding;
using Platform.Inspection.Module.Features.RecordFindings;
using Platform.Inspection.Module.Features.RegisterInspector;
using Platform.Inspection.Module.Features.RegisterIntegrator;
using Platform.Inspection.Module.Features.RevokeIntegrator;
using Platform.Inspection.Module.Features.RotateIntegratorKey;
using Platform.Inspection.Module.Features.SetInspectorAvailability;
using Platform.Inspection.Module.Features.SplitClue;
using Platform.Inspection.Module.Features.SubmitPublicAnswer;
using Platform.Inspection.Module.Features.SubmitQuestionnaireAnswer;
using Platform.Inspection.Module.Features.SummariseQuestionnaire;
using Platform.Inspection.Module.Features.TransitionMission;
using Platform.Inspection.Module.Features.TriageClue;
using Platform.Inspection.Module.Features;
using Platform.Inspection.Module.Grpc;
using Platform.Inspection.Module.Infrastructure;

namespace Platform.Inspection.Module;

public static class InspectionModule
{
    public const string ServiceName = "inspection";
    public const string ConnectionName = "inspectiondb";

    public static IHostApplicationBuilder AddInspectionModule(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformModuleBasics();
        builder.AddPlatformDbContext<InspectionDbContext, SqliteInspectionDbContext, PostgresInspectionDbContext>(ConnectionName);
        builder.AddPlatformFileStore();
        builder.Services.AddOptions<EvidenceOptions>().Bind(builder.Configuration.GetSection(EvidenceOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<IntegratorOptions>().Bind(builder.Configuration.GetSection(IntegratorOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        // The integrator key is a scheme of its own, named only by the intake policy.
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, IntegratorKeyAuthentication>(IntegratorKeyAuthentication.SchemeName, _ => { });
        builder.Services.AddAuthorizationBuilder().AddPolicy(IntegratorKeyAuthentication.PolicyName, policy => policy
            .AddAuthenticationSchemes(IntegratorKeyAuthentication.SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(IntegratorKeyAuthentication.IntegratorIdClaim));

        builder.Services.AddScoped<ServiceDescriber<InspectionDbContext>>();
        builder.Services.AddScoped<InspectionAccess>();
        builder.Services.AddScoped<MissionLoader>();
        builder.Services.AddScoped<FindingLoader>();
        builder.Services.AddScoped<FindingRecorder>();
        builder.Services.AddScoped<QuestionnaireLoader>();
        builder.Services.AddScoped<AnswerSheets>();
        builder.Services.AddScoped<ClueLoader>();
        builder.Services.AddScoped<IntegratorLoader>();
        builder.Services.AddScoped<RegisterInspectorHandler>();
        builder.Services.AddScoped<SetInspectorAvailabilityHandler>();
        builder.Services.AddScoped<ListInspectorsHandler>();
        builder.Services.AddScoped<CreateMissionHandler>();
        builder.Services.AddScoped<GetMissionHandler>();
        builder.Services.AddScoped<ListMissionsHandler>();
        builder.Services.AddScoped<FormTeamHandler>();
        builder.Services.AddScoped<TransitionMissionHandler>();
        builder.Services.AddScoped<RecordFindingHandler>();
        builder.Services.AddScoped<RecordFindingsHandler>();
        builder.Services.AddScoped<GetFindingHandler>();
        builder.Services.AddScoped<ListFindingsHandler>();
        builder.Services.AddScoped<AddEvidenceHandler>();
        builder.Services.AddScoped<GiveFeedbackHandler>();
        builder.Services.AddScoped<ListFeedbackHandler>();
        builder.Services.AddScoped<GenerateMissionReportHandler>();
        builder.Services.AddScoped<CreateQuestionnaireHandler>();
        builder.Services.AddScoped<GetQuestionnaireHandler>();
        builder.Services.AddScoped<ListQuestionnairesHandler>();
        builder.Services.AddScoped<SubmitQuestionnaireAnswerHandler>();
        builder.Services.AddScoped<SummariseQuestionnaireHandler>();
        builder.Services.AddScoped<GetClueHandler>();
        builder.Services.AddScoped<ListCluesHandler>();
        builder.Services.AddScoped<TriageClueHandler>();
        builder.Services.AddScoped<MergeCluesHandler>();
        builder.Services.AddScoped<SplitClueHandler>();
        builder.Services.AddScoped<RegisterIntegratorHandler>();
        builder.Services.AddScoped<RevokeIntegratorHandler>();
        builder.Services.AddScoped<RotateIntegratorKeyHandler>();
        builder.Services.AddScoped<ListIntegratorsHandler>();
        builder.Services.AddScoped<EvidenceDownload>();
        builder.Services.AddScoped<MissionDocumentDownload>();
        builder.Services.AddScoped<PublicQuestionnaireReader>();
        builder.Services.AddScoped<PublicAnswerSubmission>();
        builder.Services.AddScoped<ClueIntakeFeature>();
        return builder;
    }

    public static IEndpointRouteBuilder MapInspectionModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPlatformGrpcService<InspectionGrpcService>();
        endpoints.MapGrpcService<ClueIntakeGrpcService>().RequireAuthorization(IntegratorKeyAuthentication.PolicyName);
        endpoints.MapInspectionDownloads();
        endpoints.MapPublicQuestionnaires();
        return endpoints;
    }
}
