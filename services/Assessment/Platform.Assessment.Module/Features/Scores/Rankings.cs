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

/// <summary>
/// Ranks units within each level and kind by their combined result, highest first. Ties are explicit:
/// units with the same result (to the cent) share a rank, the next rank skips (1, 2, 2, 4), and each
/// tied unit names the others. Units of a rank are listed by name so the order is stable.
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
        var position = 0;
        foreach (var same in ordered.GroupBy(t => t.Combined))
        {
            var rank = position + 1;
            var members = same.ToList();
            foreach (var total in members)
            {
                var unit = new RankedUnit
                {
                    Rank = rank,
                    UnitId = total.UnitId.ToString(),
                    UnitName = total.UnitName,
                    Routine = (double)total.Routine,
                    Annual = (double)total.Annual,
                    Combined = (double)total.Combined,
                    Tied = members.Count > 1,
                };
                unit.TiedWith.AddRange(members.Where(m => m.UnitId != total.UnitId).Select(m => m.UnitId.ToString()));
                ranking.Units.Add(unit);
            }
            position += members.Count;
        }
        return ranking;
    }
}
