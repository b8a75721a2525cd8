using System.Diagnostics;
using Platform.Assessment.Module.Features.Scores;
using Xunit;

namespace Platform.Functional.Tests.Assessment;

/// <summary>
/// Ties at province size: a ranking of tens of thousands of units where most share a result. Each tie
/// is listed once, so the answer grows with the number of units, not with the square of a tie (a tie
/// of 30,000 listed on each of its units would be 900 million ids).
/// </summary>
public sealed class RankingTieTests
{
    private static UnitTotal Total(int i, decimal combined, string kind = "department") =>
        new(Guid.CreateVersion7(), $"单位{i:D6}", "county", kind, combined, combined, combined);

    [Fact]
    public void A_tie_of_thirty_thousand_units_shares_one_rank_is_listed_once_and_the_next_rank_skips_it()
    {
        // 2 units at 99, 30,000 at 80, 1 at 79.99, 8,000 at 60 (in no particular order), 1 at 10.
        var totals = new List<UnitTotal> { Total(0, 99m), Total(1, 99m), Total(2, 79.99m), Total(3, 10m) };
        totals.AddRange(Enumerable.Range(10, 30_000).Select(i => Total(i, 80m)));
        totals.AddRange(Enumerable.Range(40_010, 8_000).Select(i => Total(i, 60m)));
        var shuffled = totals.OrderBy(t => t.UnitId.GetHashCode()).ToList();

        var clock = Stopwatch.StartNew();
        var ranking = Assert.Single(Rankings.Rank(shuffled));
        clock.Stop();

        Assert.Equal(totals.Count, ranking.Units.Count);
        Assert.Equal([(1, 99.0, 2), (3, 80.0, 30_000), (30_004, 60.0, 8_000)], ranking.Ties.Select(t => (t.Rank, t.Combined, t.UnitIds.Count)));
        // Every tied unit is in exactly one tie, and only tied units are.
        Assert.Equal(ranking.Units.Where(u => u.Tied).Select(u => u.UnitId).Order(), ranking.Ties.SelectMany(t => t.UnitIds).Order());
        Assert.Equal(2 + 30_000 + 8_000, ranking.Ties.Sum(t => t.UnitIds.Count));
        // Ranks skip the tie: 1, 1, 3 × 30,000, 30,003, 30,004 × 8,000, 38,004.
        var single = ranking.Units.Where(u => !u.Tied).Select(u => (u.Rank, u.Combined)).ToList();
        Assert.Equal([(30_003, 79.99), (38_004, 10.0)], single);
        // Within a rank, units are listed by name, as the tie lists them.
        var eighty = ranking.Units.Where(u => u.Rank == 3).Select(u => u.UnitName).ToList();
        Assert.Equal(eighty.Order(StringComparer.Ordinal), eighty);
        Assert.Equal(ranking.Units.Where(u => u.Rank == 3).Select(u => u.UnitId), ranking.Ties[1].UnitIds);
        // Generous on a loaded build machine; the quadratic lists took minutes at this size.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"ranking 38,004 units took {clock.Elapsed}");
    }

    [Fact]
    public void Every_unit_tied_is_one_tie_at_rank_one_and_kinds_are_ranked_apart()
    {
        var totals = Enumerable.Range(0, 5_000).Select(i => Total(i, 75.5m)).Append(Total(9, 75.5m, "government")).ToList();

        var rankings = Rankings.Rank(totals).ToList();

        Assert.Equal(["department", "government"], rankings.Select(r => r.Kind));
        var tie = Assert.Single(rankings[0].Ties);
        Assert.Equal((1, 5_000), (tie.Rank, tie.UnitIds.Count));
        Assert.All(rankings[0].Units, u => Assert.Equal((1, true), (u.Rank, u.Tied)));
        // Alone in its kind, the government is not tied with the departments of the same result.
        Assert.Empty(rankings[1].Ties);
        Assert.Equal((1, false), (rankings[1].Units[0].Rank, rankings[1].Units[0].Tied));
    }
}
