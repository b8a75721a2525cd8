using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Platform.BuildingBlocks.Locks;

/// <summary>
/// A named lease held for a bounded time, so that work which several replicas run (a periodic
/// scan) is done by one at a time. A lease expires on its own when its holder dies; it is an
/// optimisation against duplicated work, never the only guard of correctness.
/// </summary>
public interface ILeaseProvider
{
    /// <summary>The lease, or null when another holder has it.</summary>
    Task<ILease?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken);
}

/// <summary>A held lease; disposing releases it if it is still ours.</summary>
public interface ILease : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Random token that tells this holder from the next one.</summary>
    string Token { get; }
}

/// <summary>
/// Leases in Redis: SET key token NX PX acquires, and a compare-and-delete script releases,
/// so a holder whose lease expired never releases the next holder's.
/// </summary>
public sealed class RedisLeaseProvider(IConnectionMultiplexer redis) : ILeaseProvider
{
    private const string KeyPrefix = "platform:lease:";

    private const string ReleaseScript =
        "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    public async Task<ILease?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var token = Guid.NewGuid().ToString("N");
        var key = (RedisKey)(KeyPrefix + name);
        var acquired = await redis.GetDatabase().StringSetAsync(key, token, duration, When.NotExists);
        return acquired ? new RedisLease(redis, key, name, token) : null;
    }

    private sealed class RedisLease(IConnectionMultiplexer redis, RedisKey key, string name, string token) : ILease
    {
        public string Name => name;

        public string Token => token;

        public async ValueTask DisposeAsync() =>
            await redis.GetDatabase().ScriptEvaluateAsync(ReleaseScript, [key], [token]);
    }
}

/// <summary>Leases in this process only: exact for the embedded node, which is one process.</summary>
public sealed class MemoryLeaseProvider(TimeProvider clock) : ILeaseProvider
{
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Until)> _leases = new(StringComparer.Ordinal);

    public Task<ILease?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var token = Guid.NewGuid().ToString("N");
        var now = clock.GetUtcNow();
        var entry = (token, now + duration);
        while (true)
        {
            if (_leases.TryAdd(name, entry))
            {
                return Task.FromResult<ILease?>(new MemoryLease(this, name, token));
            }
            if (!_leases.TryGetValue(name, out var current))
            {
                continue;
            }
            if (current.Until > now)
            {
                return Task.FromResult<ILease?>(null);
            }
            if (_leases.TryUpdate(name, entry, current))
            {
                return Task.FromResult<ILease?>(new MemoryLease(this, name, token));
            }
        }
    }

    private void Release(string name, string token)
    {
        if (_leases.TryGetValue(name, out var current) && current.Token == token)
        {
            _leases.TryRemove(new KeyValuePair<string, (string, DateTimeOffset)>(name, current));
        }
    }

    private sealed class MemoryLease(MemoryLeaseProvider owner, string name, string token) : ILease
    {
        public string Name => name;

        public string Token => token;

        public ValueTask DisposeAsync()
        {
            owner.Release(name, token);
            return ValueTask.CompletedTask;
        }
    }
}
