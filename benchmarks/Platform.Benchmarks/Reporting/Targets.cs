namespace Platform.Benchmarks.Reporting;

/// <summary>
/// The targets of issue 18, each on 2 cores and measured in the same run. A figure named here gets
/// its target whichever scenario records it; the distributed node's figures carry the same targets.
/// </summary>
public static class Targets
{
    /// <summary>The names docs/benchmarks.json always holds, measured or not.</summary>
    public static readonly IReadOnlyList<string> Required =
    [
        "echo_ratio", "gateway_ratio", "gateway_p99_ratio", "reports_per_second", "reports_p99_ms",
        "reports_lost", "startup_seconds", "rss_mb",
    ];

    private static readonly Dictionary<string, (Target Target, string Unit)> Table = new(StringComparer.Ordinal)
    {
        // Reads: a unit's inbox page and a task through the whole node, against a bare gRPC echo.
        ["echo_ratio"] = (new(Comparison.AtLeast, 0.40), "ratio"),
        ["inbox_echo_ratio"] = (new(Comparison.AtLeast, 0.40), "ratio"),
        ["task_echo_ratio"] = (new(Comparison.AtLeast, 0.40), "ratio"),
        // The same cheap read through the gateway against calling the service directly.
        ["gateway_ratio"] = (new(Comparison.AtLeast, 0.85), "ratio"),
        ["gateway_p99_ratio"] = (new(Comparison.AtMost, 1.3), "ratio"),
        // Deadline day: 64 liaisons filing while the assignments' events are still delivered.
        ["reports_per_second"] = (new(Comparison.AtLeast, 2000), "reports/s"),
        ["reports_p99_ms"] = (new(Comparison.Below, 50), "ms"),
        ["reports_lost"] = (new(Comparison.Exactly, 0), "reports"),
        ["distributed_reports_per_second"] = (new(Comparison.AtLeast, 2000), "reports/s"),
        ["distributed_reports_p99_ms"] = (new(Comparison.Below, 50), "ms"),
        ["distributed_reports_lost"] = (new(Comparison.Exactly, 0), "reports"),
        // Start and size.
        ["startup_seconds"] = (new(Comparison.AtMost, 3), "s"),
        ["rss_mb"] = (new(Comparison.Below, 400), "MB"),
    };

    public static Target? For(string name) => Table.TryGetValue(name, out var entry) ? entry.Target : null;

    /// <summary>A figure with the target and unit the table gives its name.</summary>
    public static Figure Measured(string name, double? value, string note = "")
    {
        if (!Table.TryGetValue(name, out var entry))
        {
            throw new ArgumentException($"'{name}' has no target; use Informational for a figure without one", nameof(name));
        }
        return new Figure(name, value, entry.Unit, entry.Target, note);
    }

    /// <summary>A figure shown for context, with no target.</summary>
    public static Figure Informational(string name, double? value, string unit, string note = "") =>
        new(name, value, unit, For(name), note);

    /// <summary>
    /// The required names a run did not measure (a scenario not run, or one that failed), as figures
    /// without a value, so both files always list every required name.
    /// </summary>
    public static IEnumerable<Figure> Missing(IEnumerable<Figure> measured, Func<string, string> why)
    {
        var names = measured.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        return Required.Where(name => !names.Contains(name)).Select(name => Measured(name, null, why(name)));
    }
}
