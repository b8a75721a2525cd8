using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Platform.BuildingBlocks.Caching;

public static class RedisSetup
{
    public const string ConnectionName = "redis";

    /// <summary>
    /// Counters (and later locks and caches) on Redis when ConnectionStrings:redis is set,
    /// in memory otherwise. The embedded node has a single process, so memory is exact there.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformCaching(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(IRateLimitStore)))
        {
            return builder;
        }
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            builder.Services.AddSingleton<IRateLimitStore, MemoryRateLimitStore>();
            builder.Services.AddDistributedMemoryCache();
            return builder;
        }

        var redisOptions = ConfigurationOptions.Parse(connectionString);
        // Start even while Redis is down; the health check reports it and calls fail until it is back.
        redisOptions.AbortOnConnectFail = false;
        // One connection per process, shared by the counters, the cache and the health check.
        var connection = new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(redisOptions));
        builder.Services.AddSingleton(_ => connection.Value);
        builder.Services.AddSingleton<IRateLimitStore, RedisRateLimitStore>();
        // Read models shared by the replicas of a service (statistics and the like).
        builder.Services.AddStackExchangeRedisCache(cache =>
        {
            cache.InstanceName = "platform:cache:";
            cache.ConnectionMultiplexerFactory = () => Task.FromResult(connection.Value);
        });
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>(ConnectionName, HealthStatus.Unhealthy, ["ready", "redis"]);
        return builder;
    }
}

internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:F1} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer.", ex);
        }
    }
}
