using Platform.Planning.Module.Domain;

namespace Platform.Planning.Tests;

/// <summary>How units' figures are judged against a target, one by one and together.</summary>
public sealed class TargetRulesTests
{
    [Theory]
    [InlineData(TargetComparison.AtLeast, 4, 4, true)]
    [InlineData(TargetComparison.AtLeast, 4, 3.5, false)]
    [InlineData(TargetComparison.AtMost, 10, 10, true)]
    [InlineData(TargetComparison.AtMost, 10, 10.1, false)]
    [InlineData(TargetComparison.Exactly, 1, 1, true)]
    [InlineData(TargetComparison.Exactly, 1, 0.999, false)]
    public void One_units_figure_meets_the_target_by_its_comparison(TargetComparison comparison, double target, double figure, bool met) =>
        Assert.Equal(met, TargetRules.Meets(comparison, target, figure));

    [Theory]
    [InlineData(TargetAggregation.EachUnit)]
    [InlineData(TargetAggregation.Sum)]
    [InlineData(TargetAggregation.Average)]
    public void Without_a_reported_figure_there_is_no_aggregate_and_the_target_is_not_met(TargetAggregation aggregation)
    {
        var aggregate = TargetRules.Aggregate(TargetComparison.AtMost, 5, aggregation, new TargetTally(3, 0, 0, 0, 0, 0));

        Assert.Null(aggregate.Value);
        Assert.False(aggregate.Met);
    }

    [Fact]
    public void Each_unit_is_met_only_when_every_assigned_unit_meets_it()
    {
        // Three units assigned; two reported 4 and 6 against "at least 4": the third has not met it yet.
        var partial = TargetRules.Aggregate(TargetComparison.AtLeast, 4, TargetAggregation.EachUnit, new TargetTally(3, 2, 2, 10, 4, 6));
        Assert.False(partial.Met);
        Assert.Equal(4, partial.Value);

        var all = TargetRules.Aggregate(TargetComparison.AtLeast, 4, TargetAggregation.EachUnit, new TargetTally(3, 3, 3, 15, 4, 6));
        Assert.True(all.Met);

        var oneShort = TargetRules.Aggregate(TargetComparison.AtLeast, 4, TargetAggregation.EachUnit, new TargetTally(3, 3, 2, 12, 2, 6));
        Assert.False(oneShort.Met);
        Assert.Equal(2, oneShort.Value);
    }

    [Fact]
    public void Each_unit_shows_the_weakest_figure_for_the_comparison()
    {
        Assert.Equal(9, TargetRules.Aggregate(TargetComparison.AtMost, 10, TargetAggregation.EachUnit, new TargetTally(2, 2, 2, 12, 3, 9)).Value);
        Assert.Null(TargetRules.Aggregate(TargetComparison.Exactly, 1, TargetAggregation.EachUnit, new TargetTally(2, 2, 1, 3, 1, 2)).Value);
        Assert.Equal(1, TargetRules.Aggregate(TargetComparison.Exactly, 1, TargetAggregation.EachUnit, new TargetTally(2, 2, 2, 2, 1, 1)).Value);
    }

    [Fact]
    public void Sum_adds_every_reporting_units_figure()
    {
        // "At least 100 people trained" shared by the units: 30 + 80 meets it though neither unit does alone.
        var met = TargetRules.Aggregate(TargetComparison.AtLeast, 100, TargetAggregation.Sum, new TargetTally(3, 2, 0, 110, 30, 80));
        Assert.Equal(110, met.Value);
        Assert.True(met.Met);

        var over = TargetRules.Aggregate(TargetComparison.AtMost, 100, TargetAggregation.Sum, new TargetTally(2, 2, 2, 120, 60, 60));
        Assert.False(over.Met);
    }

    [Fact]
    public void Average_divides_by_the_reporting_units()
    {
        var aggregate = TargetRules.Aggregate(TargetComparison.AtLeast, 90, TargetAggregation.Average, new TargetTally(5, 2, 1, 185, 85, 100));

        Assert.Equal(92.5, aggregate.Value);
        Assert.True(aggregate.Met);
    }

    [Theory]
    [InlineData(TargetAggregation.EachUnit, false, null)]
    [InlineData(TargetAggregation.EachUnit, true, 2.0)]
    [InlineData(TargetAggregation.Sum, false, 12.0)]
    [InlineData(TargetAggregation.Average, false, 4.0)]
    public void Each_unit_aggregate_figure_goes_only_to_a_caller_who_sees_every_unit(TargetAggregation aggregation, bool seesEveryUnit, double? shown)
    {
        var aggregate = TargetRules.Aggregate(TargetComparison.AtLeast, 4, aggregation, new TargetTally(3, 3, 2, 12, 2, 6));

        var visible = TargetRules.VisibleTo(aggregate, aggregation, seesEveryUnit);

        Assert.Equal(shown, visible.Value);
        Assert.Equal(aggregate.Met, visible.Met);
    }
}
