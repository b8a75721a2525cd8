using Platform.Contracts.Events.Assessment;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// Whether a node's counts on a duty-report campaign can be true (ADR 0023): every count is a number of the node's own
/// roster entries, so none is negative, submitted and sent back together do not exceed those due, reviewed does not
/// exceed submitted, the ratings do not exceed reviewed, and no node has more than <see cref="MaxEntries"/> entries on
/// one campaign. The receiving edge and assessment keep only such rows.
/// </summary>
public static class CampaignFigures
{
    /// <summary>More roster entries on one campaign than any office has; a row above it is not believed.</summary>
    public const int MaxEntries = 100_000;

    public static bool Plausible(CampaignNodeProgress row)
    {
        if (row.Counts is null || row.Counts.Count > MaxEntries)
        {
            return false;
        }
        long due = 0, excused = 0;
        foreach (var count in row.Counts)
        {
            if (count is null || !Plausible(count))
            {
                return false;
            }
            (due, excused) = (due + count.Due, excused + count.Excused);
        }
        return due <= MaxEntries && excused <= MaxEntries;
    }

    private static bool Plausible(CampaignCount c) =>
        c.Due is >= 0 and <= MaxEntries && c.Excused is >= 0 and <= MaxEntries
        && c.Submitted >= 0 && c.SentBack >= 0 && (long)c.Submitted + c.SentBack <= c.Due
        && c.Reviewed >= 0 && c.Reviewed <= c.Submitted
        && c.Excellent >= 0 && c.Good >= 0 && c.Fair >= 0 && c.Poor >= 0 && (long)c.Excellent + c.Good + c.Fair + c.Poor <= c.Reviewed;
}
