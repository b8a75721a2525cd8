using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Resilience;
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

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<RedisResilienceOptions>()
            .BindConfiguration(RedisResilienceOptions.SectionName)
            .Validate(o => o.CallTimeout > TimeSpan.Zero && o.CallTimeout <= TimeSpan.FromSeconds(30), "Redis:CallTimeout must be between 0 and 30 seconds.")
            .Validate(o => o.BreakDuration >= TimeSpan.FromMilliseconds(500) && o.BreakDuration <= TimeSpan.FromMinutes(10), "Redis:BreakDuration must be between 0.5 seconds and 10 minutes.")
            .ValidateOnStart();
        var callTimeout = builder.Configuration.GetSection(RedisResilienceOptions.SectionName).Get<RedisResilienceOptions>()?.CallTimeout
            ?? new RedisResilienceOptions().CallTimeout;
        var redisOptions = ConfigurationOptions.Parse(connectionString);
        // Start even while Redis is down; the health check reports it and the fallbacks serve until it is back.
        redisOptions.AbortOnConnectFail = false;
        // While disconnected a command fails at once rather than queueing until its timeout (the
        // circuit breaker then sends calls to their fallbacks), and no call waits longer than the
        // circuit's own call timeout.
        redisOptions.BacklogPolicy = BacklogPolicy.FailFast;
        var timeoutMs = (int)Math.Clamp(callTimeout.TotalMilliseconds, 1, 30_000);
        redisOptions.AsyncTimeout = timeoutMs;
        redisOptions.SyncTimeout = timeoutMs;
        // The first use connects synchronously; with Redis away it would wait the library's 5 s.
        if (!connectionString.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase))
        {
            redisOptions.ConnectTimeout = Math.Max(1000, 4 * timeoutMs);
        }
        // One connection per process, shared by the counters, the cache and the health check.
        var connection = new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(redisOptions));
        builder.Services.AddSingleton(_ => connection.Value);
        builder.Services.AddSingleton<RedisCircuit>();
        builder.Services.AddSingleton<RedisRateLimitStore>();
        builder.Services.AddSingleton<IRateLimitStore, ResilientRateLimitStore>();
        // Read models shared by the replicas of a service (statistics and the like); no cache while Redis fails.
        builder.Services.AddSingleton(sp => new ResilientDistributedCache(
            new RedisCache(Options.Create(new RedisCacheOptions
            {
                InstanceName = "platform:cache:",
                ConnectionMultiplexerFactory = () => Task.FromResult(connection.Value),
            })),
            sp.GetRequiredService<RedisCircuit>()));
        builder.Services.AddSingleton<IDistributedCache>(sp => sp.GetRequiredService<ResilientDistributedCache>());
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>(ConnectionName, HealthStatus.Degraded, ["ready", "redis"]);
        return builder;
    }
}

/// <summary>
/// Redis is optional: without it the node still serves (on its fallbacks), so a failure is
/// Degraded with the reason, never Unhealthy.
/// </summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis, RedisCircuit circuit) : IHealthCheck
{
    private const string Fallbacks = "edge counter per replica, no shared cache, in-process leases.";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Through the circuit (with its short call timeout): while the break lasts this fails at
            // once; after it, the ping is the trial call and its success closes the circuit.
            var latency = await circuit.ProbeAsync(async _ => await redis.GetDatabase().PingAsync(), cancellationToken);
            return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:F1} ms");
        }
        catch (Exception ex) when (RedisCircuit.IsFailure(ex))
        {
            return circuit.OpenReason is { } reason
                ? HealthCheckResult.Degraded($"Redis circuit open ({reason}); {Fallbacks}")
                : HealthCheckResult.Degraded($"Redis does not answer ({RedisCircuit.Describe(ex)}); {Fallbacks}", ex);
        }
    }
}
