using Microsoft.Extensions.Time.Testing;
using Platform.BuildingBlocks.Caching;
using StackExchange.Redis;

namespace Platform.Integration.Tests;

/// <summary>The edge's sliding window on the Redis server the replicas share.</summary>
public sealed class RedisRateLimitTests
{
    [SkippableFact]
    public async Task Two_replicas_share_one_sliding_window_that_does_not_reset_at_the_boundary()
    {
        var infrastructure = TestInfrastructure.FromEnvironment(out var missing);
        if (infrastructure is null && TestInfrastructure.RunningInCi)
        {
            throw new InvalidOperationException($"CI=true but the servers are missing: {missing}.");
        }
        Skip.If(infrastructure is null, missing);

        await using var redis = await ConnectionMultiplexer.ConnectAsync(infrastructure!.Redis);
        var window = TimeSpan.FromMinutes(1);
        var minute = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(minute.AddSeconds(50));
        var replicaA = new RedisRateLimitStore(redis, clock);
        var replicaB = new RedisRateLimitStore(redis, clock);
        var caller = SliceScenario.UniqueName("key:test-");

        Assert.True((await replicaA.TryAcquireAsync(caller, 3, window, CancellationToken.None)).Allowed);
        Assert.True((await replicaB.TryAcquireAsync(caller, 3, window, CancellationToken.None)).Allowed);
        Assert.True((await replicaA.TryAcquireAsync(caller, 3, window, CancellationToken.None)).Allowed);
        var refused = await replicaB.TryAcquireAsync(caller, 3, window, CancellationToken.None);
        Assert.False(refused.Allowed);
        Assert.True(refused.RetryAfter > TimeSpan.Zero);
        // A refused call is not counted.
        Assert.Equal(3, (long)await redis.GetDatabase().StringGetAsync(RedisRateLimitStore.CounterKey(caller, minute.UtcTicks / window.Ticks)));

        // Five seconds into the next fixed window the three calls still weigh 2.75.
        clock.Advance(TimeSpan.FromSeconds(15));
        var early = await replicaA.TryAcquireAsync(caller, 3, window, CancellationToken.None);
        Assert.False(early.Allowed);
        Assert.InRange(early.RetryAfter, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15.01));

        clock.Advance(early.RetryAfter);
        Assert.True((await replicaB.TryAcquireAsync(caller, 3, window, CancellationToken.None)).Allowed);
        Assert.False((await replicaA.TryAcquireAsync(caller, 3, window, CancellationToken.None)).Allowed);

        // The counters expire by themselves after two windows.
        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync(RedisRateLimitStore.CounterKey(caller, minute.AddMinutes(1).UtcTicks / window.Ticks));
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(100), TimeSpan.FromMinutes(2));
    }
}
