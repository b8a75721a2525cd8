using Grpc.Core;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Grpc;
using Platform.Contracts.Common.V1;
using Platform.Contracts.Inspection.V1;
using Platform.Inspection.Module.Infrastructure;

namespace Platform.Inspection.Module.Grpc;

/// <summary>platform.inspection.v1.InspectionService.</summary>
public sealed class InspectionGrpcService(ServiceDescriber<InspectionDbContext> describer) : InspectionService.InspectionServiceBase
{
    public override Task<ServiceDescription> DescribeService(DescribeServiceRequest request, ServerCallContext context) =>
        describer.DescribeAsync(InspectionModule.ServiceName, context.GetHttpContext().GetPlatformUser(), context.CancellationToken);
}
