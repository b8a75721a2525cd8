using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Persistence;
using Platform.Planning.Module.Features.AssignTask;
using Platform.Planning.Module.Features.Plans;
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
        builder.Services.AddScoped<ServiceDescriber<PlanningDbContext>>();
        builder.Services.AddScoped<UnitsFeature>();
        builder.Services.AddScoped<PlansFeature>();
        builder.Services.AddScoped<AssignTaskFeature>();
        return builder;
    }

    public static IEndpointRouteBuilder MapPlanningModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPlatformGrpcService<PlanningGrpcService>();
        return endpoints;
    }
}
