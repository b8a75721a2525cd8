using StackExchange.Redis;

namespace Platform.BuildingBlocks.Caching;

/// <summary>Whether a call may go ahead, and if not, how long until it may.</summary>
public readonly record struct RateDecision(bool Allowed, TimeSpan RetryAfter);

/// <summary>
/// Sliding-window limits shared by all replicas of a node. The window slides: the count of the
/// previous fixed window weighs in by the share of it still inside the sliding window, so a
/// caller cannot spend its limit at the end of one window and again at the start of the next.
/// A refused call is not counted, so a caller over the limit is let in again as the window slides.
/// </summary>
public interface IRateLimitStore
{
    ValueTask<RateDecision> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken);
}

/// <summary>The arithmetic of the sliding window, shared by the memory and the Redis store.</summary>
public static class SlidingWindow
{
    /// <summary>The fixed window <paramref name="now"/> falls in, and how far into it (0 to 1).</summary>
    public static (long Index, double Elapsed) Position(DateTimeOffset now, TimeSpan window)
    {
        var ticks = now.UtcTicks;
        return (ticks / window.Ticks, (double)(ticks % window.Ticks) / window.Ticks);
    }

    /// <summary>Calls counted in the sliding window ending now.</summary>
    public static double Estimate(long current, long previous, double elapsed) => previous * (1 - elapsed) + current;

    /// <summary>How long until one more call fits under <paramref name="limit"/>, assuming no other calls.</summary>
    public static TimeSpan RetryAfter(long current, long previous, double elapsed, int limit, TimeSpan window)
    {
        if (current + 1 > limit)
        {
            // Not before the next window, and then the current count weighs as "previous".
            var rest = (1 - elapsed) * window.Ticks;
            var fraction = current == 0 ? 0 : Math.Max(0, 1 - (limit - 1.0) / current);
            return TimeSpan.FromTicks((long)Math.Ceiling(rest + fraction * window.Ticks));
        }
        // Within this window, once enough of the previous window has slid out.
        var needed = 1 - (limit - current - 1.0) / previous;
        return TimeSpan.FromTicks((long)Math.Ceiling(Math.Max(0, needed - elapsed) * window.Ticks));
    }
}

internal sealed class MemoryRateLimitStore(TimeProvider clock) : IRateLimitStore
{
    private readonly Dictionary<string, (long Index, long Current, long Previous)> _windows = new(StringComparer.Ordinal);

    public ValueTask<RateDecision> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        var (index, elapsed) = SlidingWindow.Position(clock.GetUtcNow(), window);
        lock (_windows)
        {
            var entry = _windows.GetValueOrDefault(key);
            (long Current, long Previous) counts = entry.Index == index ? (entry.Current, entry.Previous)
                : entry.Index == index - 1 ? (0, entry.Current)
                : (0, 0);
            if (SlidingWindow.Estimate(counts.Current, counts.Previous, elapsed) + 1 > limit)
            {
                return ValueTask.FromResult(new RateDecision(false, SlidingWindow.RetryAfter(counts.Current, counts.Previous, elapsed, limit, window)));
            }
            _windows[key] = (index, counts.Current + 1, counts.Previous);
            if (_windows.Count > 100_000)
            {
                foreach (var stale in _windows.Where(p => p.Value.Index < index - 1).Select(p => p.Key).ToList())
                {
                    _windows.Remove(stale);
                }
            }
            return ValueTask.FromResult(new RateDecision(true, TimeSpan.Zero));
        }
    }
}

/// <summary>The same window on Redis: one counter per fixed window, read and bumped in one script.</summary>
public sealed class RedisRateLimitStore(IConnectionMultiplexer redis, TimeProvider clock) : IRateLimitStore
{
    // Counts the call only when the weighted estimate leaves room; the counter lives two windows, as long as it can weigh in.
    private const string Script = """
        local current = tonumber(redis.call('GET', KEYS[1]) or '0')
        local previous = tonumber(redis.call('GET', KEYS[2]) or '0')
        if previous * tonumber(ARGV[2]) + current + 1 > tonumber(ARGV[1]) then
          return {0, current, previous}
        end
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
        return {1, n, previous}
        """;

    public static string CounterKey(string key, long index) => $"platform:rate:{key}:{index}";

    public async ValueTask<RateDecision> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        var (index, elapsed) = SlidingWindow.Position(clock.GetUtcNow(), window);
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
            Script,
            [new RedisKey(CounterKey(key, index)), new RedisKey(CounterKey(key, index - 1))],
            [limit, (1 - elapsed).ToString("R", System.Globalization.CultureInfo.InvariantCulture), (long)(2 * window.TotalMilliseconds)]))!;
        return (long)result[0] == 1
            ? new RateDecision(true, TimeSpan.Zero)
            : new RateDecision(false, SlidingWindow.RetryAfter((long)result[1], (long)result[2], elapsed, limit, window));
    }
}
