using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Grpc;
using Platform.Contracts.Common.V1;
using Platform.Contracts.Rectification.V1;
using Platform.Rectification.Module.Features.Escalation;
using Platform.Rectification.Module.Features.Extensions;
using Platform.Rectification.Module.Features.Items;
using Platform.Rectification.Module.Features.Ledger;
using Platform.Rectification.Module.Features.LookBack;
using Platform.Rectification.Module.Features.Summaries;
using Platform.Rectification.Module.Features.Workflow;
using Platform.Rectification.Module.Infrastructure;

namespace Platform.Rectification.Module.Grpc;

/// <summary>platform.rectification.v1.RectificationService: a thin adapter onto the features, resolved per call.</summary>
public sealed class RectificationGrpcService(IServiceProvider services) : RectificationService.RectificationServiceBase
{
    private T Feature<T>()
        where T : notnull => services.GetRequiredService<T>();

    public override Task<ServiceDescription> DescribeService(DescribeServiceRequest request, ServerCallContext context) =>
        Feature<ServiceDescriber<RectificationDbContext>>().DescribeAsync(RectificationModule.ServiceName, context.GetHttpContext().GetPlatformUser(), context.CancellationToken);

    [AuditRead("rectification_item", "item_id")]
    public override Task<RectificationItem> GetItem(GetItemRequest request, ServerCallContext context) =>
        Feature<ItemsFeature>().GetAsync(request, context.CancellationToken);

    [AuditRead("rectification_item")]
    public override Task<ListItemsResponse> ListItems(ListItemsRequest request, ServerCallContext context) =>
        Feature<ItemsFeature>().ListAsync(request, context.CancellationToken);

    [AuditRead("rectification_item_history", "item_id")]
    public override Task<ListItemHistoryResponse> ListItemHistory(ListItemHistoryRequest request, ServerCallContext context) =>
        Feature<ItemsFeature>().HistoryAsync(request, context.CancellationToken);

    public override Task<RectificationItem> AssignResponsibility(AssignResponsibilityRequest request, ServerCallContext context) =>
        Feature<ItemsFeature>().AssignResponsibilityAsync(request, context.CancellationToken);

    public override Task<RectificationItem> SubmitPlan(SubmitPlanRequest request, ServerCallContext context) =>
        Feature<WorkflowFeature>().SubmitPlanAsync(request, context.CancellationToken);

    public override Task<RectificationItem> ReportProgress(ReportProgressRequest request, ServerCallContext context) =>
        Feature<WorkflowFeature>().ReportProgressAsync(request, context.CancellationToken);

    public override Task<RectificationItem> SubmitCompletion(SubmitCompletionRequest request, ServerCallContext context) =>
        Feature<WorkflowFeature>().SubmitCompletionAsync(request, context.CancellationToken);

    public override Task<RectificationItem> VerifyItem(VerifyItemRequest request, ServerCallContext context) =>
        Feature<WorkflowFeature>().VerifyAsync(request, context.CancellationToken);

    public override Task<RectificationItem> SendBackItem(SendBackItemRequest request, ServerCallContext context) =>
        Feature<WorkflowFeature>().SendBackAsync(request, context.CancellationToken);

    public override Task<ExtensionRequest> RequestExtension(RequestExtensionRequest request, ServerCallContext context) =>
        Feature<ExtensionsFeature>().RequestAsync(request, context.CancellationToken);

    public override Task<ExtensionRequest> DecideExtension(DecideExtensionRequest request, ServerCallContext context) =>
        Feature<ExtensionsFeature>().DecideAsync(request, context.CancellationToken);

    [AuditRead("rectification_extension")]
    public override Task<ListExtensionsResponse> ListExtensions(ListExtensionsRequest request, ServerCallContext context) =>
        Feature<ExtensionsFeature>().ListAsync(request, context.CancellationToken);

    public override Task<EscalationLadder> GetEscalationLadder(GetEscalationLadderRequest request, ServerCallContext context) =>
        Feature<EscalationFeature>().GetLadderAsync(context.CancellationToken);

    public override Task<EscalationStep> UpdateEscalationStep(UpdateEscalationStepRequest request, ServerCallContext context) =>
        Feature<EscalationFeature>().UpdateStepAsync(request, context.CancellationToken);

    [AuditRead("rectification_item")]
    public override Task<ListItemsResponse> ListEscalationProposals(ListEscalationProposalsRequest request, ServerCallContext context) =>
        Feature<EscalationFeature>().ListProposalsAsync(request, context.CancellationToken);

    public override Task<RectificationItem> ApplyEscalation(ApplyEscalationRequest request, ServerCallContext context) =>
        Feature<EscalationFeature>().ApplyAsync(request, context.CancellationToken);

    public override Task<RectificationItem> RecordLookBack(RecordLookBackRequest request, ServerCallContext context) =>
        Feature<LookBackFeature>().RecordAsync(request, context.CancellationToken);

    public override Task<StatusSummary> GetWeeklySummary(GetWeeklySummaryRequest request, ServerCallContext context) =>
        Feature<SummariesFeature>().WeeklyAsync(request, context.CancellationToken);

    public override Task<StatusSummary> GetMonthlyBulletinData(GetMonthlyBulletinDataRequest request, ServerCallContext context) =>
        Feature<SummariesFeature>().MonthlyAsync(request, context.CancellationToken);

    [AuditRead("ledger")]
    public override Task<ListLedgerResponse> ListLedger(ListLedgerRequest request, ServerCallContext context) =>
        Feature<LedgerFeature>().ListAsync(request, context.CancellationToken);

    [AuditRead("ledger")]
    public override Task<LedgerFile> ExportLedger(ExportLedgerRequest request, ServerCallContext context) =>
        Feature<LedgerFeature>().ExportAsync(request, context.CancellationToken);
}
