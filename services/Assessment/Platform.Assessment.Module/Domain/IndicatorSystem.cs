namespace Platform.Assessment.Module.Domain;

/// <summary>
/// The indicator system (考评指标体系) of one year: a tree of at most three levels whose sibling
/// weights add up to 100 at every level, each leaf scored manually, as a count against a target,
/// or derived from platform events. The office replaces the tree as a whole, so it is never half-valid.
/// </summary>
public sealed class IndicatorSystem
{
    private IndicatorSystem()
    {
    }

    public IndicatorSystem(int year, IReadOnlyList<IndicatorNode> indicators, EvaluationShares shares, Audit updated)
    {
        Year = year;
        Replace(indicators, shares, updated);
    }

    public int Year { get; private set; }

    public List<IndicatorNode> Indicators { get; private set; } = [];

    /// <summary>Percent of a unit's result that the routine (平时) evaluation makes up.</summary>
    public int RoutineShare { get; private set; }

    /// <summary>Percent of a unit's result that the annual (年度) evaluation makes up.</summary>
    public int AnnualShare { get; private set; }

    public Audit Updated { get; private set; } = null!;

    public void Replace(IReadOnlyList<IndicatorNode> indicators, EvaluationShares shares, Audit updated)
    {
        Indicators = [.. indicators];
        (RoutineShare, AnnualShare) = (shares.Routine, shares.Annual);
        Updated = updated;
    }
}

/// <summary>How routine and annual evaluation combine into a unit's result, in percent adding up to 100.</summary>
public sealed record EvaluationShares(int Routine, int Annual);

/// <summary>One indicator of the tree; <see cref="Scoring"/> is set on leaves only.</summary>
public sealed class IndicatorNode
{
    public string Code { get; set; } = string.Empty;

    public string? ParentCode { get; set; }

    public string Name { get; set; } = string.Empty;

    /// <summary>Percent of the parent, two decimals at most.</summary>
    public decimal Weight { get; set; }

    public int Level { get; set; }

    public IndicatorScoring? Scoring { get; set; }

    /// <summary>The count that earns the full weight, for <see cref="IndicatorScoring.CountAgainstTarget"/>.</summary>
    public int? Target { get; set; }

    /// <summary>The event source, for <see cref="IndicatorScoring.Derived"/>.</summary>
    public string? Source { get; set; }

    /// <summary>What one event of <see cref="Source"/> earns or costs, for <see cref="IndicatorScoring.Derived"/>.</summary>
    public decimal? Points { get; set; }
}

public enum IndicatorScoring
{
    Manual,
    CountAgainstTarget,
    Derived,
}
