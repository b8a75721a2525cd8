using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Persistence;
using Platform.Inspection.Module.Grpc;
using Platform.Inspection.Module.Infrastructure;

namespace Platform.Inspection.Module;

public static class InspectionModule
{
    public const string ServiceName = "inspection";
    public const string ConnectionName = "inspectiondb";

    public static IHostApplicationBuilder AddInspectionModule(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformModuleBasics();
        builder.AddPlatformDbContext<InspectionDbContext, SqliteInspectionDbContext, PostgresInspectionDbContext>(ConnectionName);
        builder.Services.AddScoped<ServiceDescriber<InspectionDbContext>>();
        return builder;
    }

    public static IEndpointRouteBuilder MapInspectionModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPlatformGrpcService<InspectionGrpcService>();
        return endpoints;
    }
}
