using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Platform.BuildingBlocks.Caching;

/// <summary>Fixed-window counters shared by all replicas of a node.</summary>
public interface IRateCounter
{
    /// <summary>Counts one more hit for <paramref name="key"/> in the current window and returns the count so far.</summary>
    ValueTask<long> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken);
}

internal sealed class MemoryRateCounter(TimeProvider clock) : IRateCounter
{
    private readonly ConcurrentDictionary<string, (long Window, long Count)> _counters = new();

    public ValueTask<long> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var current = clock.GetUtcNow().Ticks / window.Ticks;
        var entry = _counters.AddOrUpdate(
            key,
            _ => (current, 1),
            (_, old) => old.Window == current ? (current, old.Count + 1) : (current, 1));
        if (_counters.Count > 100_000)
        {
            foreach (var stale in _counters.Where(p => p.Value.Window < current).Select(p => p.Key).ToList())
            {
                _counters.TryRemove(stale, out _);
            }
        }
        return ValueTask.FromResult(entry.Count);
    }
}

internal sealed class RedisRateCounter(IConnectionMultiplexer redis, TimeProvider clock) : IRateCounter
{
    // INCR and the expiry in one round trip, so a counter never outlives its window.
    private const string Script = "local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n";

    public async ValueTask<long> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var current = clock.GetUtcNow().Ticks / window.Ticks;
        var result = await redis.GetDatabase().ScriptEvaluateAsync(
            Script,
            [new RedisKey($"platform:rate:{key}:{current}")],
            [(long)window.TotalMilliseconds]);
        return (long)result;
    }
}
