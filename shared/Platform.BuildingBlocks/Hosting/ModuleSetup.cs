using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Caching;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Node;
using Platform.BuildingBlocks.Persistence;

namespace Platform.BuildingBlocks.Hosting;

public static class ModuleSetup
{
    /// <summary>What every module needs from its host; each call after the first is a no-op, so modules can be hosted alone or together.</summary>
    public static IHostApplicationBuilder AddPlatformModuleBasics(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddScoped<AuditStamper>();
        builder.Services.TryAddSingleton<AuditRecorder>();
        builder.Services.TryAddSingleton<AuditEntryKey>();
        builder.AddPlatformNodeOptions();
        builder.AddPlatformAuthentication();
        builder.AddPlatformGrpc();
        builder.AddPlatformCaching();
        return builder;
    }

    /// <summary>
    /// Registers every use-case handler of a module, scoped: each public class named *Handler in a
    /// namespace under its Features, so a new Features/&lt;UseCase&gt;/ needs no registration line.
    /// A handler registered before keeps that registration.
    /// </summary>
    public static IServiceCollection AddFeatureHandlers(this IServiceCollection services, Assembly module)
    {
        foreach (var type in module.GetExportedTypes().Where(t =>
                     t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false }
                     && t.Name.EndsWith("Handler", StringComparison.Ordinal)
                     && (t.Namespace ?? string.Empty).Contains(".Features.", StringComparison.Ordinal)))
        {
            services.TryAddScoped(type);
        }
        return services;
    }

    /// <summary>Section "Node", bound and validated once per process.</summary>
    public static IHostApplicationBuilder AddPlatformNodeOptions(this IHostApplicationBuilder builder)
    {
        if (!builder.Services.Any(d => d.ServiceType == typeof(NodeOptionsMarker)))
        {
            builder.Services.AddSingleton<NodeOptionsMarker>();
            builder.Services.AddOptions<NodeOptions>()
                .Bind(builder.Configuration.GetSection(NodeOptions.SectionName))
                .ValidateDataAnnotations()
                .ValidateOnStart();
            builder.Services.AddHostedService<ShippedNodeIdentityWarning>();
        }
        return builder;
    }

    private sealed class NodeOptionsMarker;
}
