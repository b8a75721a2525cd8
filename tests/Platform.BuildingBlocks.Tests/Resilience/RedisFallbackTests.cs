using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Caching;
using Platform.BuildingBlocks.Locks;
using Platform.BuildingBlocks.Resilience;

namespace Platform.BuildingBlocks.Tests.Resilience;

/// <summary>
/// Redis configured but not there (a loopback port nobody listens on): the edge counter, the
/// cache and the leases answer from their fallbacks within milliseconds once the circuit is
/// open, and health says Degraded with the reason. Before the circuit, each call waited for the
/// library's timeout and the counter let everything through.
/// </summary>
public sealed class RedisFallbackTests : IAsyncLifetime
{
    private IHost _host = null!;

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = $"127.0.0.1:{ClosedPort()},connectTimeout=300",
            ["Redis:CallTimeout"] = "00:00:00.100",
            ["Redis:BreakDuration"] = "00:00:30",
        });
        builder.AddPlatformLeases();
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task Edge_counter_falls_back_to_a_local_counter_in_milliseconds()
    {
        var store = _host.Services.GetRequiredService<IRateLimitStore>();
        // The first calls meet the failure and open the circuit.
        for (var i = 0; i < 3; i++)
        {
            await store.TryAcquireAsync("warm-up", 1000, TimeSpan.FromMinutes(1), CancellationToken.None);
        }

        var decisions = new List<RateDecision>();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 50; i++)
        {
            decisions.Add(await store.TryAcquireAsync("addr:10.0.0.1", 10, TimeSpan.FromMinutes(1), CancellationToken.None));
        }
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(250), $"50 calls took {watch.ElapsedMilliseconds} ms");
        // Still limited (locally), not let through.
        Assert.Equal(10, decisions.Count(d => d.Allowed));
        Assert.Equal(40, decisions.Count(d => !d.Allowed));
    }

    [Fact]
    public async Task Cache_misses_and_drops_writes_while_redis_is_away()
    {
        var cache = _host.Services.GetRequiredService<IDistributedCache>();
        await cache.SetAsync("k", [1, 2, 3], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) });
        await cache.GetAsync("k");

        var watch = Stopwatch.StartNew();
        var value = await cache.GetAsync("k");
        await cache.SetAsync("k", [4], new DistributedCacheEntryOptions());
        var sync = cache.Get("k");
        watch.Stop();

        Assert.Null(value);
        Assert.Null(sync);
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(250), $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Leases_fall_back_to_in_process_leases_that_still_exclude_each_other()
    {
        var leases = _host.Services.GetRequiredService<ILeaseProvider>();
        await using (await leases.TryAcquireAsync("warm-up", TimeSpan.FromSeconds(5), CancellationToken.None))
        {
        }
        await using (await leases.TryAcquireAsync("warm-up-2", TimeSpan.FromSeconds(5), CancellationToken.None))
        {
        }

        var first = await leases.TryAcquireAsync("scan", TimeSpan.FromMinutes(1), CancellationToken.None);
        var second = await leases.TryAcquireAsync("scan", TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.NotNull(first);
        Assert.Null(second);
        await first.DisposeAsync();
        await using var third = await leases.TryAcquireAsync("scan", TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.NotNull(third);
    }

    [Fact]
    public async Task Health_is_degraded_with_the_reason_not_unhealthy()
    {
        var store = _host.Services.GetRequiredService<IRateLimitStore>();
        for (var i = 0; i < 3; i++)
        {
            await store.TryAcquireAsync("warm-up", 1000, TimeSpan.FromMinutes(1), CancellationToken.None);
        }

        var report = await _host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        var redis = report.Entries[RedisSetup.ConnectionName];
        Assert.Equal(HealthStatus.Degraded, redis.Status);
        Assert.Contains("Redis circuit open", redis.Description);
        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.NotNull(_host.Services.GetRequiredService<RedisCircuit>().OpenReason);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
