using Grpc.Core;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Grpc;
using Platform.Contracts.Common.V1;
using Platform.Contracts.Assessment.V1;
using Platform.Assessment.Module.Infrastructure;

namespace Platform.Assessment.Module.Grpc;

/// <summary>platform.assessment.v1.AssessmentService.</summary>
public sealed class AssessmentGrpcService(ServiceDescriber<AssessmentDbContext> describer) : AssessmentService.AssessmentServiceBase
{
    public override Task<ServiceDescription> DescribeService(DescribeServiceRequest request, ServerCallContext context) =>
        describer.DescribeAsync(AssessmentModule.ServiceName, context.GetHttpContext().GetPlatformUser(), context.CancellationToken);
}
