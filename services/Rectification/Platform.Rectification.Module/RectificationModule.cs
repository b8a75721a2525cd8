using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Persistence;
using Platform.Rectification.Module.Grpc;
using Platform.Rectification.Module.Infrastructure;

namespace Platform.Rectification.Module;

public static class RectificationModule
{
    public const string ServiceName = "rectification";
    public const string ConnectionName = "rectificationdb";

    public static IHostApplicationBuilder AddRectificationModule(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformModuleBasics();
        builder.AddPlatformDbContext<RectificationDbContext, SqliteRectificationDbContext, PostgresRectificationDbContext>(ConnectionName);
        builder.Services.AddScoped<ServiceDescriber<RectificationDbContext>>();
        return builder;
    }

    public static IEndpointRouteBuilder MapRectificationModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPlatformGrpcService<RectificationGrpcService>();
        return endpoints;
    }
}
