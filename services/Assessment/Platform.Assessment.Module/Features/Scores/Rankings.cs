using Platform.Assessment.Module.Features.DutyReports;

namespace Platform.Assessment.Module.Features.Scores;

/// <summary>A unit's totals for a year, with the level and kind it is ranked among.</summary>
public sealed record UnitTotal(Guid UnitId, string UnitName, string Level, string Kind, decimal Routine, decimal Annual, decimal Combined);

/// <summary>A unit's level for rankings, from its GB/T 2260 region code (..0000 province, ....00 city, else county).</summary>
public static class UnitLevels
{
    public static readonly IReadOnlyList<string> All = ["province", "city", "county"];

    /// <summary>The level a unit's people report at (a unit is never a township: townships are people's posts).</summary>
    public static string Of(string regionCode) => DutyCampaign.LevelOf(PostKind.Other, regionCode).Wire();
}

/// <summary>The kinds of unit planning announces (a unit's kind, as RankUnits filters it).</summary>
public static class UnitKinds
{
    public static readonly IReadOnlyList<string> All = ["government", "department"];
}

/// <summary>
/// Ranks units within each level and kind by their combined result, highest first. Ties are explicit:
/// units with the same result (to the cent) share a rank, the next rank skips (1, 2, 2, 4), each tied
/// unit is marked, and the ranking lists each tie once with its units. Units of a rank are listed by
/// name so the order is stable. One sort and one pass: O(n log n) in the units, whatever the size of
/// a tie (a tie of k units is k ids in the answer, not k × (k − 1)).
/// </summary>
public static class Rankings
{
    public static IEnumerable<Ranking> Rank(IEnumerable<UnitTotal> totals) =>
        totals.GroupBy(t => (t.Level, t.Kind))
            .OrderBy(g => UnitLevelOrder(g.Key.Level)).ThenBy(g => g.Key.Kind, StringComparer.Ordinal)
            .Select(g => RankGroup(g.Key.Level, g.Key.Kind, [.. g]));

    private static int UnitLevelOrder(string level) => UnitLevels.All.ToList().IndexOf(level);

    private static Ranking RankGroup(string level, string kind, IReadOnlyList<UnitTotal> totals)
    {
        var ranking = new Ranking { Level = level, Kind = kind };
        var ordered = totals.OrderByDescending(t => t.Combined).ThenBy(t => t.UnitName, StringComparer.Ordinal).ThenBy(t => t.UnitId).ToList();
        // [start, end) is a run of equal results: one rank, the next rank skips by the run's length.
        for (var start = 0; start < ordered.Count;)
        {
            var end = start + 1;
            while (end < ordered.Count && ordered[end].Combined == ordered[start].Combined)
            {
                end++;
            }
            var rank = start + 1;
            var tied = end - start > 1;
            var tie = tied ? new Tie { Rank = rank, Combined = (double)ordered[start].Combined } : null;
            for (var i = start; i < end; i++)
            {
                var total = ordered[i];
                ranking.Units.Add(new RankedUnit
                {
                    Rank = rank,
                    UnitId = total.UnitId.ToString(),
                    UnitName = total.UnitName,
                    Routine = (double)total.Routine,
                    Annual = (double)total.Annual,
                    Combined = (double)total.Combined,
                    Tied = tied,
                });
                tie?.UnitIds.Add(total.UnitId.ToString());
            }
            if (tie is not null)
            {
                ranking.Ties.Add(tie);
            }
            start = end;
        }
        return ranking;
    }
}
