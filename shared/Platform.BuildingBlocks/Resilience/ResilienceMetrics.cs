using System.Diagnostics.Metrics;

namespace Platform.BuildingBlocks.Resilience;

/// <summary>
/// The counters of everything that went around a fault: a fallback taken, a circuit opened or
/// closed, a retry, a lost race. Each also has a log line where it happens; the counters let an
/// operator see the rate without reading logs.
/// </summary>
public static class ResilienceMetrics
{
    public const string MeterName = "Platform.Resilience";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Fallbacks = Meter.CreateCounter<long>(
        "platform.resilience.fallbacks", "{call}", "Calls to an optional dependency answered by the fallback instead.");

    private static readonly Counter<long> CircuitChanges = Meter.CreateCounter<long>(
        "platform.resilience.circuit_changes", "{change}", "Circuit breaker state changes (opened, half_opened, closed).");

    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "platform.resilience.retries", "{retry}", "Operations repeated after a transient failure.");

    private static readonly Counter<long> Conflicts = Meter.CreateCounter<long>(
        "platform.resilience.conflicts", "{conflict}", "Writes that lost a race (a concurrency token or unique key) and were dropped or refused.");

    public static void Fallback(string dependency, string operation) =>
        Fallbacks.Add(1, new("dependency", dependency), new("operation", operation));

    public static void CircuitChanged(string dependency, string state) =>
        CircuitChanges.Add(1, new("dependency", dependency), new("state", state));

    public static void Retry(string dependency, string operation) =>
        Retries.Add(1, new("dependency", dependency), new("operation", operation));

    public static void Conflict(string operation) =>
        Conflicts.Add(1, new KeyValuePair<string, object?>("operation", operation));
}
