using Grpc.Core;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Grpc;
using Platform.Contracts.Common.V1;
using Platform.Contracts.Planning.V1;
using Platform.Planning.Module.Features.Assignments;
using Platform.Planning.Module.Features.Extensions;
using Platform.Planning.Module.Features.Figures;
using Platform.Planning.Module.Features.Plans;
using Platform.Planning.Module.Features.Reports;
using Platform.Planning.Module.Features.Statistics;
using Platform.Planning.Module.Features.Units;
using Platform.Planning.Module.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Planning.Module.Grpc;

/// <summary>platform.planning.v1.PlanningService: a thin adapter onto the features, resolved per call.</summary>
public sealed class PlanningGrpcService(IServiceProvider services) : PlanningService.PlanningServiceBase
{
    private T Feature<T>()
        where T : notnull => services.GetRequiredService<T>();

    public override Task<Unit> CreateUnit(CreateUnitRequest request, ServerCallContext context) =>
        Feature<UnitsFeature>().CreateAsync(request, context.CancellationToken);

    public override Task<ListUnitsResponse> ListUnits(ListUnitsRequest request, ServerCallContext context) =>
        Feature<UnitsFeature>().ListAsync(request, context.CancellationToken);

    public override Task<ImportUnitsResponse> ImportUnits(ImportUnitsRequest request, ServerCallContext context) =>
        Feature<ImportUnitsFeature>().ImportAsync(request, context.CancellationToken);

    public override Task<UnitGroup> CreateUnitGroup(CreateUnitGroupRequest request, ServerCallContext context) =>
        Feature<UnitsFeature>().CreateGroupAsync(request, context.CancellationToken);

    public override Task<ListUnitGroupsResponse> ListUnitGroups(ListUnitGroupsRequest request, ServerCallContext context) =>
        Feature<UnitsFeature>().ListGroupsAsync(request, context.CancellationToken);

    public override Task<Plan> CreatePlan(CreatePlanRequest request, ServerCallContext context) =>
        Feature<PlansFeature>().CreateAsync(request, context.CancellationToken);

    public override Task<Plan> GetPlan(GetPlanRequest request, ServerCallContext context) =>
        Feature<PlansFeature>().GetAsync(request, context.CancellationToken);

    public override Task<ListPlansResponse> ListPlans(ListPlansRequest request, ServerCallContext context) =>
        Feature<PlansFeature>().ListAsync(request, context.CancellationToken);

    public override Task<Plan> IssuePlan(IssuePlanRequest request, ServerCallContext context) =>
        Feature<PlansFeature>().IssueAsync(request, context.CancellationToken);

    public override Task<Plan> ClosePlan(ClosePlanRequest request, ServerCallContext context) =>
        Feature<PlansFeature>().CloseAsync(request, context.CancellationToken);

    public override Task<PlanTask> ReviseTask(ReviseTaskRequest request, ServerCallContext context) =>
        Feature<PlansFeature>().ReviseAsync(request, context.CancellationToken);

    public override Task<ListTaskRevisionsResponse> ListTaskRevisions(ListTaskRevisionsRequest request, ServerCallContext context) =>
        Feature<PlansFeature>().ListRevisionsAsync(request, context.CancellationToken);

    public override Task<ImportPlanDocumentResponse> ImportPlanDocument(ImportPlanDocumentRequest request, ServerCallContext context) =>
        Feature<Features.ImportPlanDocument.ImportPlanDocumentFeature>().ImportAsync(request, context.CancellationToken);

    public override Task<ExportedFile> ExportPlan(ExportPlanRequest request, ServerCallContext context) =>
        Feature<Features.ExportPlan.ExportPlanFeature>().ExportAsync(request, context.CancellationToken);

    public override Task<ListReportingRulesResponse> ListReportingRules(ListReportingRulesRequest request, ServerCallContext context)
    {
        Feature<Features.PlanningAccess>().RequireReader();
        var response = new ListReportingRulesResponse();
        response.Rules.AddRange(Feature<Features.Schedule.ITaskScheduler>().Rules.Select(r => new ReportingRule { Code = r.Code, Name = r.Name, Description = r.Description }));
        return Task.FromResult(response);
    }

    public override Task<AssignTaskResponse> AssignTask(AssignTaskRequest request, ServerCallContext context) =>
        Feature<AssignmentsFeature>().AssignAsync(request, context.CancellationToken);

    public override Task<Assignment> AcceptAssignment(AcceptAssignmentRequest request, ServerCallContext context) =>
        Feature<AssignmentsFeature>().AcceptAsync(request, context.CancellationToken);

    public override Task<Assignment> ReturnAssignment(ReturnAssignmentRequest request, ServerCallContext context) =>
        Feature<AssignmentsFeature>().ReturnAsync(request, context.CancellationToken);

    public override Task<ListAssignmentsResponse> ListAssignments(ListAssignmentsRequest request, ServerCallContext context) =>
        Feature<AssignmentsFeature>().ListAsync(request, context.CancellationToken);

    public override Task<ProgressReport> ReportProgress(ReportProgressRequest request, ServerCallContext context) =>
        Feature<ReportsFeature>().ReportAsync(request, context.CancellationToken);

    public override Task<ListProgressReportsResponse> ListProgressReports(ListProgressReportsRequest request, ServerCallContext context) =>
        Feature<ReportsFeature>().ListAsync(request, context.CancellationToken);

    public override Task<ListTargetFiguresResponse> ListTargetFigures(ListTargetFiguresRequest request, ServerCallContext context) =>
        Feature<TargetFiguresFeature>().ListAsync(request, context.CancellationToken);

    public override Task<ExportedFile> GetAttachment(GetAttachmentRequest request, ServerCallContext context) =>
        Feature<ReportsFeature>().GetAttachmentAsync(request, context.CancellationToken);

    public override Task<ExtensionRequest> RequestExtension(RequestExtensionRequest request, ServerCallContext context) =>
        Feature<ExtensionsFeature>().RequestAsync(request, context.CancellationToken);

    public override Task<ExtensionRequest> DecideExtension(DecideExtensionRequest request, ServerCallContext context) =>
        Feature<ExtensionsFeature>().DecideAsync(request, context.CancellationToken);

    public override Task<ListExtensionsResponse> ListExtensions(ListExtensionsRequest request, ServerCallContext context) =>
        Feature<ExtensionsFeature>().ListAsync(request, context.CancellationToken);

    public override Task<PlanStatistics> GetPlanStatistics(GetPlanStatisticsRequest request, ServerCallContext context) =>
        Feature<StatisticsFeature>().GetAsync(request, context.CancellationToken);

    public override Task<ServiceDescription> DescribeService(DescribeServiceRequest request, ServerCallContext context) =>
        Feature<ServiceDescriber<PlanningDbContext>>().DescribeAsync(PlanningModule.ServiceName, context.GetHttpContext().GetPlatformUser(), context.CancellationToken);
}
