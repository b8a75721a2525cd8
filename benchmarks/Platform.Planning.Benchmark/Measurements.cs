using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Grpc.Core;

namespace Platform.Planning.Benchmark;

/// <summary>Latencies of successful calls, written from many callers into a preallocated array.</summary>
public sealed class LatencyRecorder(int capacity)
{
    private readonly double[] _milliseconds = new double[capacity];
    private int _count;

    public int Count => Math.Min(Volatile.Read(ref _count), _milliseconds.Length);

    public void Record(long startTimestamp)
    {
        var index = Interlocked.Increment(ref _count) - 1;
        if (index < _milliseconds.Length)
        {
            _milliseconds[index] = Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
        }
    }

    /// <summary>How many calls fell into each latency band, to show where the tail sits.</summary>
    public string Histogram()
    {
        double[] bounds = [10, 50, 150, 300, 600, 1200, 5000];
        var counts = new int[bounds.Length + 1];
        foreach (var ms in _milliseconds.AsSpan(0, Count))
        {
            var band = Array.FindIndex(bounds, b => ms < b);
            counts[band < 0 ? bounds.Length : band]++;
        }
        var labels = bounds.Select((b, i) => i == 0 ? $"<{b}" : $"{bounds[i - 1]}-{b}").Append($">={bounds[^1]}");
        return string.Join(", ", labels.Zip(counts, (label, n) => $"{label} ms: {n}"));
    }

    /// <summary>Nearest-rank percentiles (and the maximum) of what was recorded.</summary>
    public LatencySummary Summarize()
    {
        var sorted = _milliseconds[..Count];
        Array.Sort(sorted);
        double Rank(double percent) =>
            sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(sorted.Length, Rank(50), Rank(95), Rank(99), sorted.Length == 0 ? double.NaN : sorted[^1],
            sorted.Length == 0 ? double.NaN : sorted.Average());
    }
}

public readonly record struct LatencySummary(int Count, double P50, double P95, double P99, double Max, double Mean)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"p50 {P50:F1} ms, p95 {P95:F1} ms, p99 {P99:F1} ms, max {Max:F1} ms (mean {Mean:F1} ms, n={Count})");
}

/// <summary>Failed calls per step and status code, with the first message seen for each.</summary>
public sealed class ErrorTally
{
    private readonly ConcurrentDictionary<(string Step, string Code), int> _counts = new();
    private readonly ConcurrentDictionary<(string Step, string Code), string> _samples = new();

    public int Total => _counts.Values.Sum();

    public int For(string step) => _counts.Where(p => p.Key.Step == step).Sum(p => p.Value);

    public void Add(string step, Exception exception)
    {
        var (code, message) = exception switch
        {
            RpcException rpc => (rpc.StatusCode.ToString(), rpc.Status.Detail),
            HttpRequestException http => ($"HTTP {(int?)http.StatusCode}", http.Message),
            _ => (exception.GetType().Name, exception.Message),
        };
        _counts.AddOrUpdate((step, code), 1, (_, n) => n + 1);
        _samples.TryAdd((step, code), message);
    }

    public void Print(TextWriter output, string? step = null)
    {
        foreach (var ((name, code), count) in _counts.Where(p => step is null || p.Key.Step == step).OrderBy(p => p.Key.Step, StringComparer.Ordinal))
        {
            output.WriteLine($"    errors in {name}: {count} x {code} — e.g. \"{_samples[(name, code)]}\"");
        }
    }
}
