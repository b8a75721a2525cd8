using Grpc.Core;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Grpc;
using Platform.Contracts.Common.V1;
using Platform.Contracts.Planning.V1;
using Platform.Planning.Module.Features.AssignTask;
using Platform.Planning.Module.Features.Plans;
using Platform.Planning.Module.Features.Units;
using Platform.Planning.Module.Infrastructure;

namespace Platform.Planning.Module.Grpc;

/// <summary>platform.planning.v1.PlanningService: a thin adapter onto the features.</summary>
public sealed class PlanningGrpcService(
    UnitsFeature units,
    PlansFeature plans,
    AssignTaskFeature assignTask,
    ServiceDescriber<PlanningDbContext> describer) : PlanningService.PlanningServiceBase
{
    public override Task<Unit> CreateUnit(CreateUnitRequest request, ServerCallContext context) =>
        units.CreateAsync(request, context.CancellationToken);

    public override Task<ListUnitsResponse> ListUnits(ListUnitsRequest request, ServerCallContext context) =>
        units.ListAsync(request, context.CancellationToken);

    public override Task<Plan> CreatePlan(CreatePlanRequest request, ServerCallContext context) =>
        plans.CreateAsync(request, context.CancellationToken);

    public override Task<Plan> GetPlan(GetPlanRequest request, ServerCallContext context) =>
        plans.GetAsync(request, context.CancellationToken);

    public override Task<Assignment> AssignTask(AssignTaskRequest request, ServerCallContext context) =>
        assignTask.AssignAsync(request, context.CancellationToken);

    public override Task<ServiceDescription> DescribeService(DescribeServiceRequest request, ServerCallContext context) =>
        describer.DescribeAsync(PlanningModule.ServiceName, context.GetHttpContext().GetPlatformUser(), context.CancellationToken);
}
