using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Files;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Persistence;
using Platform.Inspection.Module.Features;
using Platform.Inspection.Module.Features.Clues;
using Platform.Inspection.Module.Features.Downloads;
using Platform.Inspection.Module.Features.FeedbackToUnits;
using Platform.Inspection.Module.Features.Findings;
using Platform.Inspection.Module.Features.Inspectors;
using Platform.Inspection.Module.Features.Integrators;
using Platform.Inspection.Module.Features.MissionReport;
using Platform.Inspection.Module.Features.Missions;
using Platform.Inspection.Module.Features.Questionnaires;
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
            .AddScheme<AuthenticationSchemeOptions, IntegratorKeyAuthenticationHandler>(IntegratorKeyAuthenticationHandler.SchemeName, _ => { });
        builder.Services.AddAuthorizationBuilder().AddPolicy(IntegratorKeyAuthenticationHandler.PolicyName, policy => policy
            .AddAuthenticationSchemes(IntegratorKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(IntegratorKeyAuthenticationHandler.IntegratorIdClaim));

        builder.Services.AddScoped<ServiceDescriber<InspectionDbContext>>();
        builder.Services.AddScoped<InspectionAccess>();
        builder.Services.AddScoped<InspectorsFeature>();
        builder.Services.AddScoped<MissionsFeature>();
        builder.Services.AddScoped<FindingsFeature>();
        builder.Services.AddScoped<FeedbackFeature>();
        builder.Services.AddScoped<MissionReportFeature>();
        builder.Services.AddScoped<QuestionnairesFeature>();
        builder.Services.AddScoped<CluesFeature>();
        builder.Services.AddScoped<ClueIntakeFeature>();
        builder.Services.AddScoped<IntegratorsFeature>();
        return builder;
    }

    public static IEndpointRouteBuilder MapInspectionModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPlatformGrpcService<InspectionGrpcService>();
        endpoints.MapGrpcService<ClueIntakeGrpcService>().RequireAuthorization(IntegratorKeyAuthenticationHandler.PolicyName);
        endpoints.MapInspectionDownloads();
        endpoints.MapPublicQuestionnaires();
        return endpoints;
    }
}
