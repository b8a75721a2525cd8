using Platform.Contracts.Events.Planning;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// Whether a node's progress figures on a task can be true (ADR 0018): every count is a number of the node's own units'
/// assignments, so none is negative, none exceeds the units assigned, on time and late together do not either, and no
/// node has more than <see cref="MaxUnits"/> units on one task. The receiving edge and planning store only such rows.
/// </summary>
public static class ProgressFigures
{
    /// <summary>More units on one task than any office has; a row above it is not believed.</summary>
    public const int MaxUnits = 100_000;

    public static bool Plausible(NodeProgress row) =>
        row.UnitsAssigned is >= 0 and <= MaxUnits
        && row.UnitsReported >= 0 && row.UnitsReported <= row.UnitsAssigned
        && row.ReportedOnTime >= 0 && row.ReportedLate >= 0 && (long)row.ReportedOnTime + row.ReportedLate <= row.UnitsAssigned
        && row.UnitsCompleted >= 0 && row.UnitsCompleted <= row.UnitsAssigned
        && row.UnitsOverdue >= 0 && row.UnitsOverdue <= row.UnitsAssigned;
}
