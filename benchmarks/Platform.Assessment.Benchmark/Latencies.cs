using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using static System.FormattableString;

namespace Platform.Assessment.Benchmark;

/// <summary>Client-side latencies of successful calls (nearest-rank percentiles) and failed calls by status.</summary>
public sealed class Latencies
{
    private readonly ConcurrentBag<double> _milliseconds = [];

    public int Count => _milliseconds.Count;

    public async Task<T> TimeAsync<T>(Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await call();
        _milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    public double Percentile(double percent)
    {
        var sorted = _milliseconds.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public string Describe() => Invariant($"p50 {Percentile(50):F1} ms, p95 {Percentile(95):F1} ms, p99 {Percentile(99):F1} ms, max {Percentile(100):F1} ms");

    /// <summary>Runs <paramref name="count"/> calls from <paramref name="callers"/> concurrent callers, each call timed.</summary>
    public static async Task RunAsync(int count, int callers, Errors errors, string step, Func<int, Task> call)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(callers, count)).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                try
                {
                    await call(index);
                }
                catch (RpcException ex)
                {
                    errors.Add(step, ex);
                }
            }
        }));
    }
}

/// <summary>Failed calls counted by step and gRPC status, with the first message of each.</summary>
public sealed class Errors
{
    private readonly ConcurrentDictionary<(string Step, StatusCode Code), (int Count, string First)> _byStatus = new();

    public int Total => _byStatus.Values.Sum(v => v.Count);

    public void Add(string step, RpcException ex) =>
        _byStatus.AddOrUpdate((step, ex.StatusCode), _ => (1, ex.Status.Detail), (_, v) => (v.Count + 1, v.First));

    public void Print(TextWriter output)
    {
        foreach (var ((step, code), (count, first)) in _byStatus.OrderBy(e => e.Key.Step, StringComparer.Ordinal))
        {
            output.WriteLine(Invariant($"    {step}: {count} × {code} (first: {first})"));
        }
    }
}
