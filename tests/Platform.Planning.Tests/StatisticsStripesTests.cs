using Platform.Planning.Module.Domain;
using Platform.Planning.Module.Infrastructure;

namespace Platform.Planning.Tests;

/// <summary>A chapter's counts spread over stripes by unit, so units reporting at once do not wait on one row.</summary>
public sealed class StatisticsStripesTests
{
    [Fact]
    public void A_units_stripe_is_stable_and_a_province_of_units_uses_every_stripe()
    {
        var units = Enumerable.Range(0, 2000).Select(_ => Guid.CreateVersion7()).ToList();
        var stripes = units.Select(StatisticsProjection.StripeOf).ToList();

        Assert.All(stripes, s => Assert.InRange(s, 0, StatisticsProjection.ChapterStripes - 1));
        Assert.Equal(stripes, units.Select(StatisticsProjection.StripeOf));
        // 2,000 units over 16 stripes: each gets some, none more than twice its share.
        var perStripe = stripes.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(StatisticsProjection.ChapterStripes, perStripe.Count);
        Assert.All(perStripe.Values, n => Assert.InRange(n, 1, 2 * 2000 / StatisticsProjection.ChapterStripes));
        // From the id's last bytes, not a per-process hash: the same stripe on every node and run (0x29622dd4 % 16).
        Assert.Equal(4, StatisticsProjection.StripeOf(Guid.Parse("01a23a79-5d57-7e2a-9f69-dc95d42d6229")));
    }

    [Fact]
    public void A_read_adds_a_chapters_stripes_and_its_row_from_before_the_stripes_and_keeps_units_and_chapters_apart()
    {
        var plan = Guid.NewGuid();
        var chapter = Guid.NewGuid();
        var unit = Guid.NewGuid();
        StatisticsRow Row(string dimension, Guid key, int assigned, int late) =>
            new() { PlanId = plan, Dimension = dimension, Key = key, Assigned = assigned, ReportedLate = late, Done = 1 };

        var combined = StatisticsProjection.Combined(
        [
            Row(StatisticsProjection.ChapterStripeDimension(0), chapter, 3, 1),
            Row(StatisticsProjection.ChapterStripeDimension(7), chapter, 5, 0),
            Row(StatisticsProjection.ChapterStripeDimension(15), chapter, 2, 2),
            // Written by the version before the stripes (or by it during a rolling upgrade).
            Row(StatisticsProjection.ChapterDimension, chapter, 1, 0),
            Row(StatisticsProjection.UnitDimension, unit, 4, 1),
            // A unit whose id equals the chapter's is still a unit row.
            Row(StatisticsProjection.UnitDimension, chapter, 6, 0),
        ]);

        Assert.Equal(3, combined.Count);
        var chapterRow = Assert.Single(combined, r => r.Dimension == StatisticsProjection.ChapterDimension);
        Assert.Equal((chapter, 11, 3, 4), (chapterRow.Key, chapterRow.Assigned, chapterRow.ReportedLate, chapterRow.Done));
        Assert.Equal(4, Assert.Single(combined, r => r.Dimension == StatisticsProjection.UnitDimension && r.Key == unit).Assigned);
        Assert.Equal(6, Assert.Single(combined, r => r.Dimension == StatisticsProjection.UnitDimension && r.Key == chapter).Assigned);
    }

    [Fact]
    public void Every_stripes_dimension_fits_the_column_and_reads_as_a_chapter()
    {
        for (var stripe = 0; stripe < StatisticsProjection.ChapterStripes; stripe++)
        {
            var dimension = StatisticsProjection.ChapterStripeDimension(stripe);
            // plan_statistics."Dimension" is varchar(10) on PostgreSQL.
            Assert.InRange(dimension.Length, 1, 10);
            Assert.Equal(StatisticsProjection.ChapterDimension, StatisticsProjection.DimensionOf(dimension));
        }
        Assert.Equal(StatisticsProjection.UnitDimension, StatisticsProjection.DimensionOf(StatisticsProjection.UnitDimension));
        Assert.Equal(StatisticsProjection.ChapterDimension, StatisticsProjection.DimensionOf(StatisticsProjection.ChapterDimension));
    }
}
