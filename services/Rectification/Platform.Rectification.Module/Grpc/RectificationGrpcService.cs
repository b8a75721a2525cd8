using Grpc.Core;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Grpc;
using Platform.Contracts.Common.V1;
using Platform.Contracts.Rectification.V1;
using Platform.Rectification.Module.Infrastructure;

namespace Platform.Rectification.Module.Grpc;

/// <summary>platform.rectification.v1.RectificationService.</summary>
public sealed class RectificationGrpcService(ServiceDescriber<RectificationDbContext> describer) : RectificationService.RectificationServiceBase
{
    public override Task<ServiceDescription> DescribeService(DescribeServiceRequest request, ServerCallContext context) =>
        describer.DescribeAsync(RectificationModule.ServiceName, context.GetHttpContext().GetPlatformUser(), context.CancellationToken);
}
