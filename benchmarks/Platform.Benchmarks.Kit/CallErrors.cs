using System.Collections.Concurrent;
using Grpc.Core;

namespace Platform.Benchmarks.Kit;

/// <summary>Failed calls counted by step and status (gRPC status, HTTP status or exception type), with the first message of each.</summary>
public sealed class CallErrors
{
    private readonly ConcurrentDictionary<(string Step, string Code), int> _counts = new();
    private readonly ConcurrentDictionary<(string Step, string Code), string> _samples = new();

    public int Total => _counts.Values.Sum();

    public int For(string step) => _counts.Where(p => p.Key.Step == step).Sum(p => p.Value);

    /// <summary>Counts by "status: first message" (and the step when there is one), for a short summary.</summary>
    public IReadOnlyDictionary<string, int> ByStatus => _counts.ToDictionary(
        p => (p.Key.Step.Length > 0 ? p.Key.Step + " " : string.Empty) + p.Key.Code + ": " + _samples[p.Key], p => p.Value, StringComparer.Ordinal);

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
