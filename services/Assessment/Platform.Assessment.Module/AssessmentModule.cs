using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Persistence;
using Platform.Assessment.Module.Features.Indicators;
using Platform.Assessment.Module.Grpc;
using Platform.Assessment.Module.Infrastructure;

namespace Platform.Assessment.Module;

public static class AssessmentModule
{
    public const string ServiceName = "assessment";
    public const string ConnectionName = "assessmentdb";

    public static IHostApplicationBuilder AddAssessmentModule(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformModuleBasics();
        builder.AddPlatformDbContext<AssessmentDbContext, SqliteAssessmentDbContext, PostgresAssessmentDbContext>(ConnectionName);
        builder.Services.AddScoped<ServiceDescriber<AssessmentDbContext>>();
        builder.Services.AddEvaluation();
        return builder;
    }

    public static IEndpointRouteBuilder MapAssessmentModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPlatformGrpcService<AssessmentGrpcService>();
        endpoints.MapPlatformGrpcService<EvaluationGrpcService>();
        return endpoints;
    }
}
