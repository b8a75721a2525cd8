using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Caching;

namespace Platform.BuildingBlocks.Locks;

public static class LeaseSetup
{
    /// <summary>
    /// Leases on Redis when ConnectionStrings:redis is set (the replicas of a service share it),
    /// in memory otherwise. Uses the process's one Redis connection from <see cref="RedisSetup"/>.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformLeases(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformCaching();
        builder.Services.TryAddSingleton(TimeProvider.System);
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(RedisSetup.ConnectionName)))
        {
            builder.Services.TryAddSingleton<ILeaseProvider, MemoryLeaseProvider>();
        }
        else
        {
            builder.Services.TryAddSingleton<RedisLeaseProvider>();
            builder.Services.TryAddSingleton<ILeaseProvider, Resilience.ResilientLeaseProvider>();
        }
        return builder;
    }
}
