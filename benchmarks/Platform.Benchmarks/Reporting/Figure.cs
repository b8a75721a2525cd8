using System.Globalization;

namespace Platform.Benchmarks.Reporting;

/// <summary>How a figure is compared with its target.</summary>
public enum Comparison
{
    AtLeast,
    AtMost,
    Below,
    Exactly,
}

/// <summary>A target from issue 18: the figure must be at least, at most, below or exactly the threshold.</summary>
public sealed record Target(Comparison Comparison, double Threshold)
{
    public bool IsMetBy(double value) => Comparison switch
    {
        Comparison.AtLeast => value >= Threshold,
        Comparison.AtMost => value <= Threshold,
        Comparison.Below => value < Threshold,
        Comparison.Exactly => value == Threshold,
        _ => throw new ArgumentOutOfRangeException(nameof(Comparison), Comparison, "unknown comparison"),
    };

    /// <summary>The form written to both files, e.g. ">= 2000" or "< 50".</summary>
    public override string ToString()
    {
        var symbol = Comparison switch
        {
            Comparison.AtLeast => ">=",
            Comparison.AtMost => "<=",
            Comparison.Below => "<",
            _ => "==",
        };
        return symbol + " " + Threshold.ToString("0.###", CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// One measured figure. <see cref="Value"/> is null when the scenario could not measure it (the
/// note says why); a figure with a target and no value does not meet it.
/// </summary>
public sealed record Figure(string Name, double? Value, string Unit, Target? Target, string Note = "")
{
    /// <summary>Null when the figure has no target.</summary>
    public bool? Met => Target is null ? null : Value is { } value && Target.IsMetBy(value);
}
