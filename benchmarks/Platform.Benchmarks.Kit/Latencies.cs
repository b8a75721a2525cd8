using System.Diagnostics;
using HdrHistogram;
using static System.FormattableString;

namespace Platform.Benchmarks.Kit;

/// <summary>
/// Client-side latencies of successful calls, recorded from any number of callers into one
/// HdrHistogram (microseconds, three significant digits, up to two minutes; longer calls count as two minutes).
/// </summary>
public sealed class Latencies
{
    public const long HighestMicroseconds = 120_000_000;

    private readonly LongConcurrentHistogram _histogram = new(1, HighestMicroseconds, 3);

    public long Count => _histogram.TotalCount;

    /// <summary>Records the time since <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void Record(long startTimestamp) => Record(Stopwatch.GetElapsedTime(startTimestamp));

    public void Record(TimeSpan elapsed) =>
        _histogram.RecordValue(Math.Clamp((long)elapsed.TotalMicroseconds, 1, HighestMicroseconds));

    /// <summary>Runs the call and records its latency if it succeeds.</summary>
    public async Task<T> TimeAsync<T>(Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await call();
        Record(started);
        return result;
    }

    /// <inheritdoc cref="TimeAsync{T}"/>
    public async Task TimeAsync(Func<Task> call)
    {
        var started = Stopwatch.GetTimestamp();
        await call();
        Record(started);
    }

    /// <summary>Adds what another recorder holds (the load runner's callers, added at the end).</summary>
    public void Add(Latencies other) => _histogram.Add(other._histogram);

    /// <summary>The latency at a percentile (0–100) in milliseconds; NaN when nothing was recorded.</summary>
    public double Percentile(double percent) => Count == 0 ? double.NaN : _histogram.GetValueAtPercentile(percent) / 1000.0;

    public double Max => Count == 0 ? double.NaN : _histogram.GetMaxValue() / 1000.0;

    public double Mean => Count == 0 ? double.NaN : _histogram.GetMean() / 1000.0;

    public LatencySummary Summarize() => new(Count, Percentile(50), Percentile(90), Percentile(95), Percentile(99), Max, Mean);

    /// <summary>How many calls fell into each band (bounds in ms, ascending), to show where the tail sits.</summary>
    public string Bands(params double[] bounds)
    {
        var counts = new long[bounds.Length + 1];
        foreach (var value in _histogram.RecordedValues())
        {
            var band = Array.FindIndex(bounds, b => value.ValueIteratedTo / 1000.0 < b);
            counts[band < 0 ? bounds.Length : band] += value.CountAddedInThisIterationStep;
        }
        var labels = bounds.Select((b, i) => i == 0 ? Invariant($"<{b}") : Invariant($"{bounds[i - 1]}-{b}")).Append(Invariant($">={bounds[^1]}"));
        return string.Join(", ", labels.Zip(counts, (label, n) => $"{label} ms: {n}"));
    }

    public override string ToString() => Summarize().ToString();
}

/// <summary>Percentiles, maximum and mean of recorded latencies, in milliseconds.</summary>
public readonly record struct LatencySummary(long Count, double P50, double P90, double P95, double P99, double Max, double Mean)
{
    public override string ToString() => Count == 0
        ? "no successful calls"
        : Invariant($"p50 {P50:F1} ms, p95 {P95:F1} ms, p99 {P99:F1} ms, max {Max:F1} ms (mean {Mean:F1} ms, n={Count})");
}
