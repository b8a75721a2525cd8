using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Assessment.Module.Consumers;
using Platform.Assessment.Module.Features;
using Platform.Assessment.Module.Features.Downloads;
using Platform.Assessment.Module.Features.DutyReports;
using Platform.Assessment.Module.Features.Indicators;
using Platform.Assessment.Module.Features.People;
using Platform.Assessment.Module.Features.Qualification;
using Platform.Assessment.Module.Features.SubmitDutyReport;
using Platform.Assessment.Module.Grpc;
using Platform.BuildingBlocks.Files;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Messaging;

namespace Platform.Assessment.Module;

public static class AssessmentModule
{
    public const string ServiceName = "assessment";
    public const string ConnectionName = "assessmentdb";

    public static IHostApplicationBuilder AddAssessmentModule(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformModuleBasics();
        builder.AddPlatformDbContext<AssessmentDbContext, SqliteAssessmentDbContext, PostgresAssessmentDbContext>(ConnectionName);
        builder.Services.AddScoped<ServiceDescriber<AssessmentDbContext>>();
        builder.Services.AddScoped<AssessmentAccess>();
        builder.Services.AddFeatureHandlers(typeof(AssessmentModule).Assembly);
        AddPeople(builder.Services);
        AddDutyReports(builder);
        builder.Services.AddPlatformConsumer<UnitSavedConsumer>(UnitSavedConsumer.QueueName);
        builder.Services.AddEvaluation();
        builder.Services.AddQualification();
        AddCampaignsAcrossNodes(builder.Services);
        return builder;
    }

    /// <summary>People (人员): units from planning's events, appointments, changes and imports.</summary>
    private static void AddPeople(IServiceCollection services)
    {
        services.AddScoped<PersonLoader>();
    }

    /// <summary>Duty reports (述法): campaigns, rosters, submission with files, review, the dashboard.</summary>
    private static void AddDutyReports(IHostApplicationBuilder builder)
    {
        builder.AddPlatformFileStore();
        builder.Services.AddOptions<DutyReportAttachmentOptions>().Bind(builder.Configuration.GetSection(DutyReportAttachmentOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<RosterLoader>();
    }

    /// <summary>Campaigns down the hierarchy, their counts and the heads' dossiers up (ADR 0023; the edge carries them).</summary>
    private static void AddCampaignsAcrossNodes(IServiceCollection services)
    {
        services.AddPlatformConsumer<CampaignReceivedConsumer>(CampaignReceivedConsumer.QueueName);
        services.AddPlatformConsumer<ChildCampaignProgressReceivedConsumer>(ChildCampaignProgressReceivedConsumer.QueueName);
        services.AddPlatformConsumer<LeaderDossierReceivedConsumer>(LeaderDossierReceivedConsumer.QueueName);
        services.AddPlatformConsumer<ChildLinksChangedConsumer>(ChildLinksChangedConsumer.QueueName);
    }

    public static IEndpointRouteBuilder MapAssessmentModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPlatformGrpcService<AssessmentGrpcService>();
        endpoints.MapPlatformGrpcService<EvaluationGrpcService>();
        endpoints.MapPlatformGrpcService<QualificationGrpcService>();
        endpoints.MapPlatformGrpcService<DossierGrpcService>();
        endpoints.MapAssessmentDownloads();
        return endpoints;
    }
}
