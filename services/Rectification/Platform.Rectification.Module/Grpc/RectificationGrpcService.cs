using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Grpc;
using Platform.Contracts.Common.V1;
using Platform.Rectification.Module.Features.ApplyEscalation;
using Platform.Rectification.Module.Features.AssignResponsibility;
using Platform.Rectification.Module.Features.CountItems;
using Platform.Rectification.Module.Features.DecideExtension;
using Platform.Rectification.Module.Features.ExportLedger;
using Platform.Rectification.Module.Features.GetEscalationLadder;
using Platform.Rectification.Module.Features.GetItem;
using Platform.Rectification.Module.Features.GetMonthlyBulletinData;
using Platform.Rectification.Module.Features.GetWeeklySummary;
using Platform.Rectification.Module.Features.ListEscalationProposals;
using Platform.Rectification.Module.Features.ListExtensions;
using Platform.Rectification.Module.Features.ListItemHistory;
using Platform.Rectification.Module.Features.ListItems;
using Platform.Rectification.Module.Features.ListItemsFromBelow;
using Platform.Rectification.Module.Features.OpenItemFromAbove;
using Platform.Rectification.Module.Features.ListLedger;
using Platform.Rectification.Module.Features.RecordLookBack;
using Platform.Rectification.Module.Features.ReportProgress;
using Platform.Rectification.Module.Features.RequestExtension;
using Platform.Rectification.Module.Features.SendBackItem;
using Platform.Rectification.Module.Features.SubmitCompletion;
using Platform.Rectification.Module.Features.SubmitPlan;
using Platform.Rectification.Module.Features.UpdateEscalationStep;
using Platform.Rectification.Module.Features.VerifyItem;
using ExtensionRequest = Platform.Contracts.Rectification.V1.ExtensionRequest;
using RectificationItem = Platform.Contracts.Rectification.V1.RectificationItem;

namespace Platform.Rectification.Module.Grpc;

/// <summary>platform.rectification.v1.RectificationService: a thin adapter onto the use-case handlers, resolved per call.</summary>
public sealed class RectificationGrpcService(IServiceProvider services) : RectificationService.RectificationServiceBase
{
    private T Resolve<T>()
        where T : notnull => services.GetRequiredService<T>();

    public override Task<ServiceDescription> DescribeService(DescribeServiceRequest request, ServerCallContext context) =>
        Resolve<ServiceDescriber<RectificationDbContext>>().DescribeAsync(RectificationModule.ServiceName, context.GetHttpContext().GetPlatformUser(), context.CancellationToken);

    [AuditRead("rectification_item", "item_id")]
    public override Task<RectificationItem> GetItem(GetItemRequest request, ServerCallContext context) =>
        Resolve<GetItemHandler>().HandleAsync(request, context.CancellationToken);

    [AuditRead("rectification_item")]
    public override Task<ListItemsResponse> ListItems(ListItemsRequest request, ServerCallContext context) =>
        Resolve<ListItemsHandler>().HandleAsync(request, context.CancellationToken);

    [AuditRead("rectification_item")]
    public override Task<ItemCounts> CountItems(CountItemsRequest request, ServerCallContext context) =>
        Resolve<CountItemsHandler>().HandleAsync(request, context.CancellationToken);

    [AuditRead("rectification_item_history", "item_id")]
    public override Task<ListItemHistoryResponse> ListItemHistory(ListItemHistoryRequest request, ServerCallContext context) =>
        Resolve<ListItemHistoryHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<RectificationItem> AssignResponsibility(AssignResponsibilityRequest request, ServerCallContext context) =>
        Resolve<AssignResponsibilityHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<RectificationItem> SubmitPlan(SubmitPlanRequest request, ServerCallContext context) =>
        Resolve<SubmitPlanHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<RectificationItem> ReportProgress(ReportProgressRequest request, ServerCallContext context) =>
        Resolve<ReportProgressHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<RectificationItem> SubmitCompletion(SubmitCompletionRequest request, ServerCallContext context) =>
        Resolve<SubmitCompletionHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<RectificationItem> VerifyItem(VerifyItemRequest request, ServerCallContext context) =>
        Resolve<VerifyItemHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<RectificationItem> SendBackItem(SendBackItemRequest request, ServerCallContext context) =>
        Resolve<SendBackItemHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ExtensionRequest> RequestExtension(RequestExtensionRequest request, ServerCallContext context) =>
        Resolve<RequestExtensionHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<ExtensionRequest> DecideExtension(DecideExtensionRequest request, ServerCallContext context) =>
        Resolve<DecideExtensionHandler>().HandleAsync(request, context.CancellationToken);

    [AuditRead("rectification_extension")]
    public override Task<ListExtensionsResponse> ListExtensions(ListExtensionsRequest request, ServerCallContext context) =>
        Resolve<ListExtensionsHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<EscalationLadder> GetEscalationLadder(GetEscalationLadderRequest request, ServerCallContext context) =>
        Resolve<GetEscalationLadderHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<EscalationStep> UpdateEscalationStep(UpdateEscalationStepRequest request, ServerCallContext context) =>
        Resolve<UpdateEscalationStepHandler>().HandleAsync(request, context.CancellationToken);

    [AuditRead("rectification_item")]
    public override Task<ListItemsResponse> ListEscalationProposals(ListEscalationProposalsRequest request, ServerCallContext context) =>
        Resolve<ListEscalationProposalsHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<RectificationItem> ApplyEscalation(ApplyEscalationRequest request, ServerCallContext context) =>
        Resolve<ApplyEscalationHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<RectificationItem> RecordLookBack(RecordLookBackRequest request, ServerCallContext context) =>
        Resolve<RecordLookBackHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<RectificationItem> OpenItemFromAbove(OpenItemFromAboveRequest request, ServerCallContext context) =>
        Resolve<OpenItemFromAboveHandler>().HandleAsync(request, context.CancellationToken);

    [AuditRead("rectification_items_from_below")]
    public override Task<ListItemsFromBelowResponse> ListItemsFromBelow(ListItemsFromBelowRequest request, ServerCallContext context) =>
        Resolve<ListItemsFromBelowHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<StatusSummary> GetWeeklySummary(GetWeeklySummaryRequest request, ServerCallContext context) =>
        Resolve<GetWeeklySummaryHandler>().HandleAsync(request, context.CancellationToken);

    public override Task<StatusSummary> GetMonthlyBulletinData(GetMonthlyBulletinDataRequest request, ServerCallContext context) =>
        Resolve<GetMonthlyBulletinDataHandler>().HandleAsync(request, context.CancellationToken);

    [AuditRead("ledger")]
    public override Task<ListLedgerResponse> ListLedger(ListLedgerRequest request, ServerCallContext context) =>
        Resolve<ListLedgerHandler>().HandleAsync(request, context.CancellationToken);

    [AuditRead("ledger")]
    public override Task<LedgerFile> ExportLedger(ExportLedgerRequest request, ServerCallContext context) =>
        Resolve<ExportLedgerHandler>().HandleAsync(request, context.CancellationToken);
}
