using Platform.Contracts.Events.Planning;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// The units' reports a node sends up with its figures when the level above asked for them (ADR 0018), as a receiver keeps
/// them: nothing the node could not have filed itself. The receiving edge bounds them; planning bounds them again and
/// drops them when the task's cascade to that child did not ask for reports.
/// </summary>
public static class RequestedReports
{
    /// <summary>The longest text a unit's liaison can file in one progress report (planning's ReportProgress takes no more).</summary>
    public const int MaxTextLength = 20_000;

    /// <summary>The longest unit name a node holds (planning's units).</summary>
    public const int MaxUnitNameLength = 200;

    /// <summary>
    /// <paramref name="row"/> with no reports when they were not <paramref name="requested"/>; otherwise at most one per
    /// unit assigned (a node sends each unit's latest), none with a percentage outside 0–100, and each text and unit
    /// name cut to <see cref="MaxTextLength"/> and <see cref="MaxUnitNameLength"/> (a longer one is truncated, not refused:
    /// the figures and the start of the text still count).
    /// </summary>
    public static NodeProgress Bound(NodeProgress row, bool requested)
    {
        if (!requested || row.Reports is not { Count: > 0 })
        {
            return row.Reports is null || row.Reports.Count > 0 ? row with { Reports = [] } : row;
        }
        var kept = row.Reports
            .Where(r => r is { UnitName: not null, Text: not null, Percent: >= 0 and <= 100 })
            .Take(Math.Max(0, row.UnitsAssigned))
            .Select(r => r with { UnitName = Cut(r.UnitName, MaxUnitNameLength), Text = Cut(r.Text, MaxTextLength) })
            .ToList();
        return row with { Reports = kept };
    }

    /// <summary>Whether every report of <paramref name="row"/> is within the bounds (what <see cref="Bound"/> leaves as it is).</summary>
    public static bool WithinBounds(NodeProgress row) =>
        row.Reports.Count <= Math.Max(0, row.UnitsAssigned)
        && row.Reports.All(r => r is { UnitName.Length: <= MaxUnitNameLength, Text.Length: <= MaxTextLength, Percent: >= 0 and <= 100 });

    /// <summary>At most <paramref name="length"/> characters, never half a surrogate pair.</summary>
    private static string Cut(string text, int length) =>
        text.Length <= length ? text : text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];
}
