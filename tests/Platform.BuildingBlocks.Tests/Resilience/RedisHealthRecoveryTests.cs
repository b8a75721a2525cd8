using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Caching;
using Platform.BuildingBlocks.Resilience;
using Platform.Testing;

namespace Platform.BuildingBlocks.Tests.Resilience;

/// <summary>
/// A service whose traffic never touches Redis: the circuit opened while Redis was away, then
/// Redis comes back. The health check itself probes Redis once the break has elapsed and closes
/// the circuit; before, it reported the stale open reason and stayed Degraded until some call
/// happened to use Redis.
/// </summary>
public sealed class RedisHealthRecoveryTests : IAsyncLifetime
{
    private readonly int _port = LoopbackPorts.Free();
    private IHost _host = null!;
    private Process? _redis;

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = $"127.0.0.1:{_port},connectTimeout=300",
            ["Redis:CallTimeout"] = "00:00:00.200",
            ["Redis:BreakDuration"] = "00:00:00.500",
        });
        builder.AddPlatformCaching();
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        if (_redis is { HasExited: false })
        {
            _redis.Kill(entireProcessTree: true);
            await _redis.WaitForExitAsync();
        }
        _redis?.Dispose();
    }

    [Fact]
    public async Task Health_probes_redis_after_the_break_and_closes_the_circuit_without_traffic()
    {
        var store = _host.Services.GetRequiredService<IRateLimitStore>();
        var circuit = _host.Services.GetRequiredService<RedisCircuit>();
        var health = _host.Services.GetRequiredService<HealthCheckService>();
        // Redis is away: the first calls open the circuit.
        for (var i = 0; i < 3; i++)
        {
            await store.TryAcquireAsync("warm-up", 1000, TimeSpan.FromMinutes(1), CancellationToken.None);
        }
        Assert.NotNull(circuit.OpenReason);
        Assert.Equal(HealthStatus.Degraded, (await health.CheckHealthAsync()).Entries[RedisSetup.ConnectionName].Status);

        // Redis returns; from here on only the health check runs.
        _redis = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", _port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        _redis.BeginOutputReadLine();

        var description = await Eventually.GetAsync(async () =>
        {
            var entry = (await health.CheckHealthAsync()).Entries[RedisSetup.ConnectionName];
            return entry.Status == HealthStatus.Healthy ? entry.Description : null;
        }, TimeSpan.FromSeconds(20), "the Redis health check to turn Healthy");

        Assert.StartsWith("ping ", description);
        Assert.Null(circuit.OpenReason);
    }
}
