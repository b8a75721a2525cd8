using System.Diagnostics;
using Grpc.Core;

namespace Platform.Benchmarks.Kit;

/// <summary>What a timed load produced: successful calls, their latencies, and the failures by status.</summary>
public sealed class LoadResult(Latencies latencies, TimeSpan elapsed, CallErrors errors)
{
    public long Calls => latencies.Count;
    public TimeSpan Elapsed => elapsed;
    public Latencies Latencies => latencies;
    public IReadOnlyDictionary<string, int> Failures => errors.ByStatus;
    public int Failed => errors.Total;
    public double PerSecond => elapsed > TimeSpan.Zero ? Calls / elapsed.TotalSeconds : 0;

    /// <summary>Latency at a percentile in milliseconds (HdrHistogram, 3 significant digits).</summary>
    public double Percentile(double percentile) => latencies.Percentile(percentile);
    public double MaxMilliseconds => latencies.Max;

    public string Summary() => FormattableString.Invariant(
        $"{Calls} calls in {elapsed.TotalSeconds:F1} s, {PerSecond:F0}/s; p50 {Percentile(50):F2} ms, p90 {Percentile(90):F2} ms, p99 {Percentile(99):F2} ms, max {MaxMilliseconds:F1} ms")
        + (Failed > 0 ? "; failed: " + string.Join(", ", Failures.Select(f => $"{f.Key} ×{f.Value}")) : string.Empty);
}

/// <summary>
/// Runs many concurrent callers against one call: first a warm-up whose calls are not counted, then
/// the measured period. Failed calls are counted by status, never timed.
/// </summary>
public static class LoadRunner
{
    /// <param name="measuring">Called once the warm-up is over, as the measured period begins (to take a reading alongside).</param>
    public static async Task<LoadResult> RunAsync(
        int clients, TimeSpan warmUp, TimeSpan duration, Func<int, CancellationToken, Task> call, Action? measuring = null)
    {
        await RunPhaseAsync(clients, warmUp, call, record: false);
        measuring?.Invoke();
        return await RunPhaseAsync(clients, duration, call, record: true);
    }

    /// <summary>
    /// Runs each caller's own sequence of calls once (a fixed amount of work). The caller times each
    /// call through the function it is given, which answers whether the call succeeded.
    /// </summary>
    public static async Task<LoadResult> RunFixedAsync(int clients, Func<int, Func<Func<Task>, Task<bool>>, Task> caller)
    {
        var latencies = new Latencies();
        var errors = new CallErrors();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            await caller(c, async call =>
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await call();
                    latencies.Record(start);
                    return true;
                }
                catch (RpcException ex)
                {
                    errors.Add(string.Empty, ex);
                    return false;
                }
            });
        })));
        watch.Stop();
        return new LoadResult(latencies, watch.Elapsed, errors);
    }

    private static async Task<LoadResult> RunPhaseAsync(int clients, TimeSpan length, Func<int, CancellationToken, Task> call, bool record)
    {
        var latencies = new Latencies();
        var errors = new CallErrors();
        using var stop = new CancellationTokenSource(length);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
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
                        latencies.Record(start);
                    }
                }
                catch (RpcException ex) when (record)
                {
                    errors.Add(string.Empty, ex);
                }
                catch (RpcException)
                {
                    // Failures during warm-up are the measured period's business only if they persist.
                }
            }
        })));
        watch.Stop();
        return new LoadResult(latencies, watch.Elapsed, errors);
    }
}
