using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Persistence;

namespace Platform.BuildingBlocks.Federation;

public static class FederationSetup
{
    /// <summary>
    /// The federation core of an edge: options (section "Federation", validated at start), enrolment,
    /// trust, the per-link inbox and deliverer, the gauges and the delivery worker. The host adds the
    /// <see cref="FederationDbContext"/> (with the <see cref="LinkDeliverySignalInterceptor"/>), an <see cref="IFederationTransport"/> and one
    /// <see cref="IFederationMessageHandler"/> per flow it receives.
    /// </summary>
    public static IServiceCollection AddPlatformFederationCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FederationOptions>()
            .Bind(configuration.GetSection(FederationOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<Enrolment>();
        services.AddScoped<FederationTrust>();
        services.AddScoped<LinkInbox>();
        services.AddScoped<LinkDeliverer>();
        services.AddSingleton<FederationMetrics>();
        services.AddSingleton<LinkDeliverySignal>();
        services.AddSingleton<LinkDeliverySignalInterceptor>();
        services.AddSingleton<IStoreInterceptor<FederationDbContext>>(sp => sp.GetRequiredService<LinkDeliverySignalInterceptor>());
        services.AddSingleton<LinkDeliveryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<LinkDeliveryWorker>());
        return services;
    }
}
