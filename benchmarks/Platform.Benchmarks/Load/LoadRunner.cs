using System.Diagnostics;
using Grpc.Core;
using HdrHistogram;

namespace Platform.Benchmarks.Load;

/// <summary>What a timed load produced: successful calls, their latency histogram, and the failures by status.</summary>
public sealed class LoadResult(LongHistogram latencies, TimeSpan elapsed, IReadOnlyDictionary<string, int> failures)
{
    public long Calls => latencies.TotalCount;
    public TimeSpan Elapsed => elapsed;
    public IReadOnlyDictionary<string, int> Failures => failures;
    public int Failed => failures.Values.Sum();
    public double PerSecond => elapsed > TimeSpan.Zero ? Calls / elapsed.TotalSeconds : 0;

    /// <summary>Latency at a percentile in milliseconds (HdrHistogram, 3 significant digits).</summary>
    public double Percentile(double percentile) => Calls == 0 ? double.NaN : latencies.GetValueAtPercentile(percentile) / 1000.0;
    public double MaxMilliseconds => Calls == 0 ? double.NaN : latencies.GetMaxValue() / 1000.0;

    public string Summary() => FormattableString.Invariant(
        $"{Calls} calls in {elapsed.TotalSeconds:F1} s, {PerSecond:F0}/s; p50 {Percentile(50):F2} ms, p90 {Percentile(90):F2} ms, p99 {Percentile(99):F2} ms, max {MaxMilliseconds:F1} ms")
        + (Failed > 0 ? "; failed: " + string.Join(", ", failures.Select(f => $"{f.Key} ×{f.Value}")) : string.Empty);
}

/// <summary>
/// Runs many concurrent callers against one call: first a warm-up whose calls are not counted, then
/// the measured period. Each caller records into its own histogram (microseconds); they are added at the end.
/// </summary>
public static class LoadRunner
{
    private const long HighestMicroseconds = 120_000_000;

    public static async Task<LoadResult> RunAsync(int clients, TimeSpan warmUp, TimeSpan duration, Func<int, CancellationToken, Task> call)
    {
        await RunPhaseAsync(clients, warmUp, call, record: false);
        return await RunPhaseAsync(clients, duration, call, record: true);
    }

    /// <summary>
    /// Runs each caller's own sequence of calls once (a fixed amount of work). The caller times each
    /// call through the function it is given, which answers whether the call succeeded.
    /// </summary>
    public static async Task<LoadResult> RunFixedAsync(int clients, Func<int, Func<Func<Task>, Task<bool>>, Task> caller)
    {
        var histograms = new LongHistogram[clients];
        var failures = new Dictionary<string, int>(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var histogram = histograms[c] = new LongHistogram(HighestMicroseconds, 3);
            await caller(c, async call =>
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await call();
                    Record(histogram, start);
                    return true;
                }
                catch (RpcException ex)
                {
                    Count(failures, ex.StatusCode + ": " + ex.Status.Detail);
                    return false;
                }
            });
        })));
        watch.Stop();
        return new LoadResult(Merge(histograms), watch.Elapsed, failures);
    }

    private static async Task<LoadResult> RunPhaseAsync(int clients, TimeSpan length, Func<int, CancellationToken, Task> call, bool record)
    {
        var histograms = new LongHistogram[clients];
        var failures = new Dictionary<string, int>(StringComparer.Ordinal);
        using var stop = new CancellationTokenSource(length);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var histogram = histograms[c] = new LongHistogram(HighestMicroseconds, 3);
            while (!stop.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    // The deadline is not passed to the call: a call under way when time is up
                    // completes and counts, so the tail is not cut off.
                    await call(c, CancellationToken.None);
                    if (record)
                    {
                        Record(histogram, start);
                    }
                }
                catch (RpcException ex) when (record)
                {
                    Count(failures, ex.StatusCode + ": " + ex.Status.Detail);
                }
                catch (RpcException)
                {
                    // Failures during warm-up are the measured period's business only if they persist.
                }
            }
        })));
        watch.Stop();
        return new LoadResult(Merge(histograms), watch.Elapsed, failures);
    }

    private static void Record(LongHistogram histogram, long start)
    {
        var micros = (long)Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        histogram.RecordValue(Math.Clamp(micros, 1, HighestMicroseconds));
    }

    private static void Count(Dictionary<string, int> failures, string key)
    {
        lock (failures)
        {
            failures[key] = failures.GetValueOrDefault(key) + 1;
        }
    }

    private static LongHistogram Merge(LongHistogram[] histograms)
    {
        var all = new LongHistogram(HighestMicroseconds, 3);
        foreach (var histogram in histograms.Where(h => h is not null))
        {
            all.Add(histogram);
        }
        return all;
    }
}
