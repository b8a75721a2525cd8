using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Calendar;
using Platform.BuildingBlocks.Files;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Persistence;
using Platform.Planning.Module.Features;
using Platform.Planning.Module.Features.AcceptAssignment;
using Platform.Planning.Module.Features.AssignTask;
using Platform.Planning.Module.Features.Assignments;
using Platform.Planning.Module.Features.ClosePlan;
using Platform.Planning.Module.Features.CreatePlan;
using Platform.Planning.Module.Features.CreateUnit;
using Platform.Planning.Module.Features.CreateUnitGroup;
using Platform.Planning.Module.Features.DecideExtension;
using Platform.Planning.Module.Features.Downloads;
using Platform.Planning.Module.Features.ExportPlan;
using Platform.Planning.Module.Features.Figures;
using Platform.Planning.Module.Features.GetAttachment;
using Platform.Planning.Module.Features.GetPlan;
using Platform.Planning.Module.Features.ImportPlanDocument;
using Platform.Planning.Module.Features.IssuePlan;
using Platform.Planning.Module.Features.ListAssignments;
using Platform.Planning.Module.Features.ListExtensions;
using Platform.Planning.Module.Features.ListPlans;
using Platform.Planning.Module.Features.ListProgressReports;
using Platform.Planning.Module.Features.ListTaskRevisions;
using Platform.Planning.Module.Features.ListUnitGroups;
using Platform.Planning.Module.Features.ListUnits;
using Platform.Planning.Module.Features.Overdue;
using Platform.Planning.Module.Features.Plans;
using Platform.Planning.Module.Features.ReportProgress;
using Platform.Planning.Module.Features.Reports;
using Platform.Planning.Module.Features.RequestExtension;
using Platform.Planning.Module.Features.ReturnAssignment;
using Platform.Planning.Module.Features.ReviseTask;
using Platform.Planning.Module.Features.Schedule;
using Platform.Planning.Module.Features.Statistics;
using Platform.Planning.Module.Features.Units;
using Platform.Planning.Module.Grpc;
using Platform.Planning.Module.Infrastructure;

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
        builder.Services.AddSingleton<ITaskScheduler, RuleBasedTaskScheduler>();
        builder.Services.AddScoped<ServiceDescriber<PlanningDbContext>>();
        builder.Services.AddScoped<PlanningAccess>();
        builder.Services.AddScoped<AssignmentLoader>();
        builder.Services.AddScoped<PlanLoader>();
        builder.Services.AddScoped<CreateUnitHandler>();
        builder.Services.AddScoped<ListUnitsHandler>();
        builder.Services.AddScoped<CreateUnitGroupHandler>();
        builder.Services.AddScoped<ListUnitGroupsHandler>();
        builder.Services.AddScoped<CreatePlanHandler>();
        builder.Services.AddScoped<GetPlanHandler>();
        builder.Services.AddScoped<ListPlansHandler>();
        builder.Services.AddScoped<IssuePlanHandler>();
        builder.Services.AddScoped<ClosePlanHandler>();
        builder.Services.AddScoped<ReviseTaskHandler>();
        builder.Services.AddScoped<ListTaskRevisionsHandler>();
        builder.Services.AddScoped<AssignTaskHandler>();
        builder.Services.AddScoped<AcceptAssignmentHandler>();
        builder.Services.AddScoped<ReturnAssignmentHandler>();
        builder.Services.AddScoped<ListAssignmentsHandler>();
        builder.Services.AddScoped<ReportProgressHandler>();
        builder.Services.AddScoped<ListProgressReportsHandler>();
        builder.Services.AddScoped<GetAttachmentHandler>();
        builder.Services.AddScoped<RequestExtensionHandler>();
        builder.Services.AddScoped<DecideExtensionHandler>();
        builder.Services.AddScoped<ListExtensionsHandler>();
        builder.Services.AddScoped<ImportUnitsFeature>();
        builder.Services.AddScoped<TargetFiguresFeature>();
        builder.Services.AddScoped<StatisticsFeature>();
        builder.Services.AddScoped<ImportPlanDocumentFeature>();
        builder.Services.AddScoped<ResolveUnitProposalFeature>();
        builder.Services.AddScoped<ExportPlanFeature>();
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
