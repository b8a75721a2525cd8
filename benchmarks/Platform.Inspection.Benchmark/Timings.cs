using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Grpc.Core;

namespace Platform.Inspection.Benchmark;

/// <summary>Client-side latencies of successful calls; percentiles by nearest rank.</summary>
public sealed class Timings
{
    private readonly ConcurrentBag<double> _milliseconds = [];

    public int Count => _milliseconds.Count;

    /// <summary>Runs the call and records its latency if it succeeds.</summary>
    public async Task<T> TimeAsync<T>(Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await call();
        _milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    public string Summary()
    {
        var sorted = _milliseconds.ToArray();
        Array.Sort(sorted);
        if (sorted.Length == 0)
        {
            return "no successful calls";
        }
        double Rank(double percent) => sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"p50 {Rank(50):F1} ms, p95 {Rank(95):F1} ms, p99 {Rank(99):F1} ms, max {sorted[^1]:F1} ms (n={sorted.Length})");
    }

    public double P99()
    {
        var sorted = _milliseconds.ToArray();
        Array.Sort(sorted);
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(0.99 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>Failed calls by step and status, with one sample message each.</summary>
public sealed class Failures
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _samples = new(StringComparer.Ordinal);

    public int Total => _counts.Values.Sum();

    public void Add(string step, Exception exception)
    {
        var key = step + " / " + (exception is RpcException rpc ? rpc.StatusCode.ToString() : exception.GetType().Name);
        _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
        _samples.TryAdd(key, exception is RpcException r ? r.Status.Detail : exception.Message);
    }

    public void Print(TextWriter output)
    {
        foreach (var (key, count) in _counts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"    {count} x {key} — e.g. \"{_samples[key]}\"");
        }
    }
}
