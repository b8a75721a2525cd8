using Grpc.Core;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Grpc;
using Platform.Contracts.Common.V1;
using Platform.Planning.Module.Features.AcceptAssignment;
using Platform.Planning.Module.Features.AcceptReceivedTask;
using Platform.Planning.Module.Features.AcknowledgeReceivedTask;
using Platform.Planning.Module.Features.AssignTask;
using Platform.Planning.Module.Features.IssueCalendarUpdate;
using Platform.Planning.Module.Features.ListCalendarUpdates;
using Platform.Planning.Module.Features.IssueReportingRuleUpdate;
using Platform.Planning.Module.Features.ListReportingRuleUpdates;
using Platform.Planning.Module.Features.CascadeTasks;
using Platform.Planning.Module.Features.ClosePlan;
using Platform.Planning.Module.Features.CreatePlan;
using Platform.Planning.Module.Features.CreateUnit;
using Platform.Planning.Module.Features.CreateUnitGroup;
using Platform.Planning.Module.Features.DecideExtension;
using Platform.Planning.Module.Features.Federation;
using Platform.Planning.Module.Features.Figures;
using Platform.Planning.Module.Features.GetAttachment;
using Platform.Planning.Module.Features.GetPlan;
using Platform.Planning.Module.Features.GetPlanRollUp;
using Platform.Planning.Module.Features.IssuePlan;
using Platform.Planning.Module.Features.ListAssignments;
using Platform.Planning.Module.Features.ListExtensions;
using Platform.Planning.Module.Features.ListPlans;
using Platform.Planning.Module.Features.ListProgressReports;
using Platform.Planning.Module.Features.ListReceivedTasks;
using Platform.Planning.Module.Features.ListTargetFigures;
using Platform.Planning.Module.Features.ListTaskRevisions;
using Platform.Planning.Module.Features.ListUnitGroups;
using Platform.Planning.Module.Features.ListUnits;
using Platform.Planning.Module.Features.ReportProgress;
using Platform.Planning.Module.Features.RequestExtension;
using Platform.Planning.Module.Features.ReturnAssignment;
using Platform.Planning.Module.Features.ReviseTask;
using Platform.Planning.Module.Features.Statistics;
using Platform.Planning.Module.Features.Units;
using Microsoft.Extensions.DependencyInjection;
using Assignment = Platform.Contracts.Planning.V1.Assignment;
using ExtensionRequest = Platform.Contracts.Planning.V1.ExtensionRequest;
using Plan = Platform.Contracts.Planning.V1.Plan;
using PlanTask = Platform.Contracts.Planning.V1.PlanTask;
using ProgressReport = Platform.Contracts.Planning.V1.ProgressReport;
using ReceivedTask = Platform.Contracts.Planning.V1.ReceivedTask;
using Unit = Platform.Contracts.Planning.V1.Unit;
using UnitGroup = Platform.Contracts.Planning.V1.UnitGroup;

namespace Platform.Planning.Module.Grpc;

/// <summary>platform.planning.v1.PlanningService: a thin adapter onto the use-case handlers, resolved per call.</summary>
public sealed class PlanningGrpcService(IServiceProvider services) : PlanningService.PlanningServiceBase
{
    private T Resolve<T>()
        where T : notnull => services.GetRequiredService<T>();

    public override Task<Unit> CreateUnit(CreateUnitRequest request, ServerCallContext context) =>
        Resolve<CreateUnitHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListUnitsResponse> ListUnits(ListUnitsRequest request, ServerCallContext context) =>
        Resolve<ListUnitsHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ImportUnitsResponse> ImportUnits(ImportUnitsRequest request, ServerCallContext context) =>
        Resolve<ImportUnitsFeature>().ImportAsync(request, context.CancellationToken);

    public override Task<UnitGroup> CreateUnitGroup(CreateUnitGroupRequest request, ServerCallContext context) =>
        Resolve<CreateUnitGroupHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListUnitGroupsResponse> ListUnitGroups(ListUnitGroupsRequest request, ServerCallContext context) =>
        Resolve<ListUnitGroupsHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Plan> CreatePlan(CreatePlanRequest request, ServerCallContext context) =>
        Resolve<CreatePlanHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Plan> GetPlan(GetPlanRequest request, ServerCallContext context) =>
        Resolve<GetPlanHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListPlansResponse> ListPlans(ListPlansRequest request, ServerCallContext context) =>
        Resolve<ListPlansHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Plan> IssuePlan(IssuePlanRequest request, ServerCallContext context) =>
        Resolve<IssuePlanHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Plan> ClosePlan(ClosePlanRequest request, ServerCallContext context) =>
        Resolve<ClosePlanHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<PlanTask> ReviseTask(ReviseTaskRequest request, ServerCallContext context) =>
        Resolve<ReviseTaskHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListTaskRevisionsResponse> ListTaskRevisions(ListTaskRevisionsRequest request, ServerCallContext context) =>
        Resolve<ListTaskRevisionsHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ImportPlanDocumentResponse> ImportPlanDocument(ImportPlanDocumentRequest request, ServerCallContext context) =>
        Resolve<Features.ImportPlanDocument.ImportPlanDocumentFeature>().ImportAsync(request, context.CancellationToken);

    public override Task<ResolveUnitProposalResponse> ResolveUnitProposal(ResolveUnitProposalRequest request, ServerCallContext context) =>
        Resolve<Features.ImportPlanDocument.ResolveUnitProposalFeature>().ResolveAsync(request, context.CancellationToken);

    public override Task<ExportedFile> ExportPlan(ExportPlanRequest request, ServerCallContext context) =>
        Resolve<Features.ExportPlan.ExportPlanFeature>().ExportAsync(request, context.CancellationToken);

    public override Task<ListReportingRulesResponse> ListReportingRules(ListReportingRulesRequest request, ServerCallContext context)
    {
        Resolve<Features.PlanningAccess>().RequireReader();
        var response = new ListReportingRulesResponse();
        response.Rules.AddRange(Resolve<Features.Schedule.ITaskScheduler>().Rules.Select(r => new ReportingRule { Code = r.Code, Name = r.Name, Description = r.Description }));
        return Task.FromResult(response);
    }

    public override Task<AssignTaskResponse> AssignTask(AssignTaskRequest request, ServerCallContext context) =>
        Resolve<AssignTaskHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Assignment> AcceptAssignment(AcceptAssignmentRequest request, ServerCallContext context) =>
        Resolve<AcceptAssignmentHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<Assignment> ReturnAssignment(ReturnAssignmentRequest request, ServerCallContext context) =>
        Resolve<ReturnAssignmentHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListAssignmentsResponse> ListAssignments(ListAssignmentsRequest request, ServerCallContext context) =>
        Resolve<ListAssignmentsHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ProgressReport> ReportProgress(ReportProgressRequest request, ServerCallContext context) =>
        Resolve<ReportProgressHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListProgressReportsResponse> ListProgressReports(ListProgressReportsRequest request, ServerCallContext context) =>
        Resolve<ListProgressReportsHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListTargetFiguresResponse> ListTargetFigures(ListTargetFiguresRequest request, ServerCallContext context) =>
        Resolve<ListTargetFiguresHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ExportedFile> GetAttachment(GetAttachmentRequest request, ServerCallContext context) =>
        Resolve<GetAttachmentHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ExtensionRequest> RequestExtension(RequestExtensionRequest request, ServerCallContext context) =>
        Resolve<RequestExtensionHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ExtensionRequest> DecideExtension(DecideExtensionRequest request, ServerCallContext context) =>
        Resolve<DecideExtensionHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListExtensionsResponse> ListExtensions(ListExtensionsRequest request, ServerCallContext context) =>
        Resolve<ListExtensionsHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<PlanStatistics> GetPlanStatistics(GetPlanStatisticsRequest request, ServerCallContext context) =>
        Resolve<StatisticsFeature>().GetAsync(request, context.CancellationToken);

    public override Task<ServiceDescription> DescribeService(DescribeServiceRequest request, ServerCallContext context) =>
        Resolve<ServiceDescriber<PlanningDbContext>>().DescribeAsync(PlanningModule.ServiceName, context.GetHttpContext().GetPlatformUser(), context.CancellationToken);

    public override Task<CalendarUpdate> IssueCalendarUpdate(IssueCalendarUpdateRequest request, ServerCallContext context) =>
        Resolve<IssueCalendarUpdateHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListCalendarUpdatesResponse> ListCalendarUpdates(ListCalendarUpdatesRequest request, ServerCallContext context) =>
        Resolve<ListCalendarUpdatesHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ReportingRuleUpdate> IssueReportingRuleUpdate(IssueReportingRuleUpdateRequest request, ServerCallContext context) =>
        Resolve<IssueReportingRuleUpdateHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListReportingRuleUpdatesResponse> ListReportingRuleUpdates(ListReportingRuleUpdatesRequest request, ServerCallContext context) =>
        Resolve<ListReportingRuleUpdatesHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<CascadeTasksResponse> CascadeTasks(CascadeTasksRequest request, ServerCallContext context) =>
        Resolve<CascadeTasksHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ListReceivedTasksResponse> ListReceivedTasks(ListReceivedTasksRequest request, ServerCallContext context) =>
        Resolve<ListReceivedTasksHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ReceivedTask> AcceptReceivedTask(AcceptReceivedTaskRequest request, ServerCallContext context) =>
        Resolve<AcceptReceivedTaskHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ReceivedTask> AcknowledgeReceivedTask(AcknowledgeReceivedTaskRequest request, ServerCallContext context) =>
        Resolve<AcknowledgeReceivedTaskHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<PlanRollUp> GetPlanRollUp(GetPlanRollUpRequest request, ServerCallContext context) =>
        Resolve<GetPlanRollUpHandler>().HandleAsync(request, context.CancellationToken);
}
