namespace Platform.Planning.Module.Domain;

/// <summary>How the figures of a task's units are judged against one target.</summary>
public enum TargetAggregation
{
    /// <summary>Every assigned unit meets the target with its own figure (the default: most targets bind each unit).</summary>
    EachUnit,

    /// <summary>The sum of the units' figures meets the target (a shared quota).</summary>
    Sum,

    /// <summary>The average of the reporting units' figures meets the target.</summary>
    Average,
}

/// <summary>What the units' current figures against one target add up to; counted by the database.</summary>
/// <param name="AssignedUnits">Units the task is assigned to and not returned by.</param>
/// <param name="ReportingUnits">Units that reported a figure.</param>
/// <param name="UnitsMeeting">Reporting units whose own figure meets the target.</param>
public readonly record struct TargetTally(int AssignedUnits, int ReportingUnits, int UnitsMeeting, double Sum, double Min, double Max);

/// <summary>A target's aggregate figure (null when it has none yet) and whether the target is met by its rule.</summary>
public readonly record struct TargetAggregate(double? Value, bool Met);

/// <summary>The rules that judge figures against a target, one unit's or all units' together.</summary>
public static class TargetRules
{
    public static bool Meets(TargetComparison comparison, double target, double figure) => comparison switch
    {
        TargetComparison.AtLeast => figure >= target,
        TargetComparison.AtMost => figure <= target,
        _ => Math.Abs(figure - target) < 1e-9,
    };

    public static TargetAggregate Aggregate(TargetComparison comparison, double target, TargetAggregation aggregation, TargetTally tally)
    {
        if (tally.ReportingUnits == 0)
        {
            return new TargetAggregate(null, false);
        }
        switch (aggregation)
        {
            case TargetAggregation.Sum:
                return new TargetAggregate(tally.Sum, Meets(comparison, target, tally.Sum));
            case TargetAggregation.Average:
                var average = tally.Sum / tally.ReportingUnits;
                return new TargetAggregate(average, Meets(comparison, target, average));
            default:
                // Every unit: a unit that has not reported has not met it. The figure shown is the weakest one.
                var units = Math.Max(tally.AssignedUnits, tally.ReportingUnits);
                double? weakest = comparison switch
                {
                    TargetComparison.AtLeast => tally.Min,
                    TargetComparison.AtMost => tally.Max,
                    _ => tally.Min == tally.Max ? tally.Min : null,
                };
                return new TargetAggregate(weakest, tally.UnitsMeeting == units);
        }
    }

    /// <summary>
    /// What of <paramref name="aggregate"/> a caller may see. An each_unit figure is the weakest unit's
    /// own, so only a caller who sees every unit (<paramref name="seesEveryUnit"/>) gets it; to anyone
    /// else it is another unit's figure, and they get whether the target is met without it.
    /// </summary>
    public static TargetAggregate VisibleTo(TargetAggregate aggregate, TargetAggregation aggregation, bool seesEveryUnit) =>
        seesEveryUnit || aggregation != TargetAggregation.EachUnit ? aggregate : aggregate with { Value = null };
}

/// <summary>
/// One unit's current figure against one target of its assignment: the figure of its latest
/// report. Every report's figures stay on the report itself (who, when, on which node), so this
/// row is the unit's standing and the reports are its history.
/// </summary>
public sealed class UnitTargetFigure
{
    private UnitTargetFigure()
    {
    }

    public Guid AssignmentId { get; private set; }

    public Guid TargetId { get; private set; }

    public Guid PlanId { get; private set; }

    public Guid TaskId { get; private set; }

    /// <summary>Copied from the assignment so statistics per chapter need no join.</summary>
    public Guid? ChapterId { get; private set; }

    public Guid UnitId { get; private set; }

    public string UnitName { get; private set; } = string.Empty;

    public double Value { get; private set; }

    /// <summary>Whether this unit's own figure meets the target; kept so the database counts units meeting it.</summary>
    public bool Met { get; private set; }

    public Guid ReportId { get; private set; }

    /// <summary>How many reports carried a figure for this target.</summary>
    public int Reports { get; private set; }

    public Audit Reported { get; private set; } = null!;

    public static UnitTargetFigure First(Assignment assignment, QuantitativeTarget target, double value, Guid reportId, Audit reported)
    {
        var figure = new UnitTargetFigure
        {
            AssignmentId = assignment.Id,
            TargetId = target.Id,
            PlanId = assignment.PlanId,
            TaskId = assignment.TaskId,
            ChapterId = assignment.ChapterId,
            UnitId = assignment.UnitId,
            UnitName = assignment.UnitName,
        };
        figure.Update(target, value, reportId, reported);
        return figure;
    }

    public void Update(QuantitativeTarget target, double value, Guid reportId, Audit reported)
    {
        Value = value;
        Met = TargetRules.Meets(target.Comparison, target.Value, value);
        ReportId = reportId;
        Reported = reported;
        Reports++;
    }
}
