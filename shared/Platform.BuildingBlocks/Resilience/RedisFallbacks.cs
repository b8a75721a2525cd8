using Microsoft.Extensions.Caching.Distributed;
using Platform.BuildingBlocks.Caching;
using Platform.BuildingBlocks.Locks;

namespace Platform.BuildingBlocks.Resilience;

/// <summary>
/// The edge counter on Redis, or this process's own counter while Redis fails: each replica then
/// limits alone (a caller may get the limit once per replica), which beats waiting on a timeout
/// or letting everything through.
/// </summary>
public sealed class ResilientRateLimitStore(RedisRateLimitStore redis, RedisCircuit circuit, TimeProvider clock) : IRateLimitStore
{
    private readonly MemoryRateLimitStore _local = new(clock);

    public ValueTask<RateDecision> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken) =>
        circuit.ExecuteAsync(
            "rate_limit",
            token => redis.TryAcquireAsync(key, limit, window, token),
            () => _local.TryAcquireAsync(key, limit, window, cancellationToken),
            cancellationToken);
}

/// <summary>
/// The shared cache on Redis, or no cache while Redis fails: a read misses (the caller computes
/// the value from its database) and a write is dropped.
/// </summary>
public sealed class ResilientDistributedCache(IDistributedCache redis, RedisCircuit circuit) : IDistributedCache
{
    public byte[]? Get(string key) => circuit.Execute<byte[]?>("cache_get", _ => redis.Get(key), () => null);

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        await circuit.ExecuteAsync<byte[]?>("cache_get", async t => await redis.GetAsync(key, t), () => ValueTask.FromResult<byte[]?>(null), token);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) =>
        circuit.Execute("cache_set", _ => { redis.Set(key, value, options); return true; }, () => false);

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        await circuit.ExecuteAsync("cache_set", async t => await redis.SetAsync(key, value, options, t), token);

    public void Refresh(string key) => circuit.Execute("cache_refresh", _ => { redis.Refresh(key); return true; }, () => false);

    public async Task RefreshAsync(string key, CancellationToken token = default) =>
        await circuit.ExecuteAsync("cache_refresh", async t => await redis.RefreshAsync(key, t), token);

    public void Remove(string key) => circuit.Execute("cache_remove", _ => { redis.Remove(key); return true; }, () => false);

    public async Task RemoveAsync(string key, CancellationToken token = default) =>
        await circuit.ExecuteAsync("cache_remove", async t => await redis.RemoveAsync(key, t), token);
}

/// <summary>
/// Leases on Redis, or in this process while Redis fails. An in-process lease keeps this
/// replica's scans apart only; the work done under a lease is already exactly-once by the
/// database (a concurrency token or a unique key, see ADR 0008), which stays the arbiter
/// between replicas. A Redis lease that cannot be released expires on its own.
/// </summary>
public sealed class ResilientLeaseProvider(RedisLeaseProvider redis, RedisCircuit circuit, TimeProvider clock) : ILeaseProvider
{
    private readonly MemoryLeaseProvider _local = new(clock);

    public async Task<ILease?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        return await circuit.ExecuteAsync<ILease?>(
            "lease_acquire",
            async token => await redis.TryAcquireAsync(name, duration, token) is { } lease ? new GuardedLease(lease, circuit) : null,
            async () => await _local.TryAcquireAsync(name, duration, cancellationToken),
            cancellationToken);
    }

    private sealed class GuardedLease(ILease inner, RedisCircuit circuit) : ILease
    {
        public string Name => inner.Name;

        public string Token => inner.Token;

        public ValueTask DisposeAsync() => circuit.ExecuteAsync("lease_release", _ => inner.DisposeAsync(), CancellationToken.None);
    }
}
