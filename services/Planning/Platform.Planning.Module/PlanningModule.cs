using Platform.Planning.Module.Features.ReportingRuleUpdates;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Calendar;
using Platform.BuildingBlocks.Files;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Messaging;
using Platform.Planning.Module.Features.Downloads;
using Platform.Planning.Module.Features;
using Platform.Planning.Module.Features.Assignments;
using Platform.Planning.Module.Features.ExportPlan;
using Platform.Planning.Module.Features.Federation;
using Platform.Planning.Module.Features.Figures;
using Platform.Planning.Module.Features.ImportPlanDocument;
using Platform.Planning.Module.Features.Overdue;
using Platform.Planning.Module.Features.Plans;
using Platform.Planning.Module.Features.Reports;
using Platform.Planning.Module.Features.Schedule;
using Platform.Planning.Module.Features.Statistics;
using Platform.Planning.Module.Features.Units;
using Platform.Planning.Module.Grpc;

namespace Platform.Planning.Module;

public static class PlanningModule
{
    public const string ServiceName = "planning";
    public const string ConnectionName = "planningdb";

    public static IHostApplicationBuilder AddPlanningModule(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformModuleBasics();
        builder.AddPlatformDbContext<PlanningDbContext, SqlitePlanningDbContext, PostgresPlanningDbContext>(ConnectionName);
        builder.AddWorkingDayCalendar();
        builder.AddPlatformFileStore();
        builder.Services.AddOptions<AttachmentOptions>().Bind(builder.Configuration.GetSection(AttachmentOptions.SectionName));
        // An unknown rule name fails binding; ValidateOnStart makes that a start-up error, not a failed import.
        builder.Services.AddOptions<NoticeImportOptions>().Bind(builder.Configuration.GetSection(NoticeImportOptions.SectionName)).ValidateOnStart();
        builder.Services.AddOptions<OverdueOptions>().Bind(builder.Configuration.GetSection(OverdueOptions.SectionName));
        builder.Services.AddSingleton<ReportingRuleSource>();
        builder.Services.AddSingleton<ITaskScheduler, RuleBasedTaskScheduler>();
        builder.Services.AddScoped<ServiceDescriber<PlanningDbContext>>();
        builder.Services.AddScoped<PlanningAccess>();
        builder.Services.AddScoped<AssignmentLoader>();
        builder.Services.AddScoped<PlanLoader>();
        builder.Services.AddFeatureHandlers(typeof(PlanningModule).Assembly);
        builder.Services.AddScoped<ImportUnitsFeature>();
        builder.Services.AddScoped<TargetFigures>();
        builder.Services.AddScoped<StatisticsFeature>();
        builder.Services.AddScoped<ImportPlanDocumentFeature>();
        builder.Services.AddScoped<ResolveUnitProposalFeature>();
        builder.Services.AddScoped<ExportPlanFeature>();
        builder.Services.AddPlatformConsumer<CascadedTaskReceivedConsumer>("planning-task-received");
        builder.Services.AddPlatformConsumer<ChildProgressReceivedConsumer>("planning-progress-received");
        builder.Services.AddPlatformConsumer<ChildLinksChangedConsumer>("planning-child-links");
        builder.Services.AddPlatformConsumer<CalendarUpdateReceivedConsumer>("planning-calendar-update-received");
        builder.Services.AddCalendarUpdatesRefresher<PlanningDbContext>();
        builder.Services.AddPlatformConsumer<ReportingRuleUpdateReceivedConsumer>("planning-reporting-rule-update-received");
        builder.Services.AddHostedService<ReportingRuleUpdatesRefresher>();
        builder.Services.AddSingleton<OverdueScanner>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OverdueScanner>());
        return builder;
    }

    public static IEndpointRouteBuilder MapPlanningModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPlatformGrpcService<PlanningGrpcService>();
        endpoints.MapPlanningDownloads();
        return endpoints;
    }
}
