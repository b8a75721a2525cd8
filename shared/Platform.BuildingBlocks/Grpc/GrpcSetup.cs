using Google.Protobuf.Reflection;
using Google.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.AuditTrail;

namespace Platform.BuildingBlocks.Grpc;

public static class GrpcSetup
{
    /// <summary>gRPC with the error mapping, JSON transcoding, server reflection and the standard health service. Safe to call from every module.</summary>
    public static IHostApplicationBuilder AddPlatformGrpc(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(ErrorMappingInterceptor)))
        {
            return builder;
        }
        builder.Services.AddSingleton<ErrorMappingInterceptor>();
        builder.Services.AddSingleton<AuditReadInterceptor>();
        builder.Services
            .AddGrpc(options =>
            {
                options.Interceptors.Add<ErrorMappingInterceptor>();
                // Inside the error mapping: a read whose audit entry cannot be written fails like any other error.
                options.Interceptors.Add<AuditReadInterceptor>();
                options.MaxReceiveMessageSize = 16 * 1024 * 1024;
            })
            .AddJsonTranscoding(transcoding =>
                // REST callers get the same field list as gRPC callers, so the rich error types must be known.
                transcoding.TypeRegistry = TypeRegistry.FromMessages(BadRequest.Descriptor, ErrorInfo.Descriptor));
        // Minimal-API JSON bodies (development tokens) refuse unknown members too, like the transcoded ones.
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow);
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks();
        return builder;
    }

    /// <summary>Maps a module's gRPC service; every call needs a valid token.</summary>
    public static IEndpointRouteBuilder MapPlatformGrpcService<TService>(this IEndpointRouteBuilder endpoints)
        where TService : class
    {
        endpoints.MapGrpcService<TService>().RequireAuthorization();
        return endpoints;
    }

    /// <summary>
    /// Reflection and the gRPC health service, once per process. The health service is open
    /// without a token for probes; reflection too in Development, for generic clients, but
    /// elsewhere only for node operators, because it lays out every RPC of the node.
    /// </summary>
    public static IEndpointRouteBuilder MapPlatformGrpcInfrastructure(this IEndpointRouteBuilder endpoints)
    {
        var reflection = endpoints.MapGrpcReflectionService();
        if (endpoints.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            reflection.AllowAnonymous();
        }
        else
        {
            reflection.RequireAuthorization(Auth.AuthenticationSetup.OperatorPolicy);
        }
        endpoints.MapGrpcHealthChecksService().AllowAnonymous();
        return endpoints;
    }
}
