using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Files;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Hosting;
using Platform.Inspection.Module.Features.Clues;
using Platform.Inspection.Module.Features.DownloadEvidence;
using Platform.Inspection.Module.Features.DownloadMissionDocument;
using Platform.Inspection.Module.Features.Downloads;
using Platform.Inspection.Module.Features.Findings;
using Platform.Inspection.Module.Features.GetPublicQuestionnaire;
using Platform.Inspection.Module.Features.Integrators;
using Platform.Inspection.Module.Features.Missions;
using Platform.Inspection.Module.Features.Questionnaires;
using Platform.Inspection.Module.Features.SubmitPublicAnswer;
using Platform.Inspection.Module.Features;
using Platform.Inspection.Module.Grpc;

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
        builder.Services.AddFeatureHandlers(typeof(InspectionModule).Assembly);
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
