using Grpc.Core;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Grpc;
using Platform.Contracts.Common.V1;
using Platform.Contracts.Notification.V1;
using Platform.Notification.Module.Features.Inbox;
using Platform.Notification.Module.Infrastructure;

namespace Platform.Notification.Module.Grpc;

/// <summary>platform.notification.v1.NotificationService.</summary>
public sealed class NotificationGrpcService(InboxFeature inbox, ServiceDescriber<NotificationDbContext> describer)
    : NotificationService.NotificationServiceBase
{
    public override Task<ListInboxResponse> ListInbox(ListInboxRequest request, ServerCallContext context) =>
        inbox.ListAsync(request, context.CancellationToken);

    public override Task<ServiceDescription> DescribeService(DescribeServiceRequest request, ServerCallContext context) =>
        describer.DescribeAsync(NotificationModule.ServiceName, context.GetHttpContext().GetPlatformUser(), context.CancellationToken);
}
