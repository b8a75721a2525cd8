using Platform.BuildingBlocks.Calendar;
using Platform.BuildingBlocks.Kernel.Calendar;
using Platform.Contracts.Events.Federation;

namespace Platform.BuildingBlocks.Tests;

/// <summary>Which calendar update a year follows, and how it joins the shipped and the operator's years (ADR 0024).</summary>
public sealed class CalendarUpdatesTests
{
    private static readonly DateTimeOffset Noon = new(2029, 12, 1, 4, 0, 0, TimeSpan.Zero);

    private static CalendarUpdateRecord Update(string issuer, string level, long version, int year, string holiday, int minutes = 0) =>
        CalendarUpdateRecord.From(
            new CalendarUpdate(Guid.NewGuid(), issuer, level, version, year, [new CalendarUpdateDay(DateOnly.Parse(holiday, System.Globalization.CultureInfo.InvariantCulture), "国庆节")], [], null, Noon.AddMinutes(minutes)),
            null, [], Noon.AddMinutes(minutes));

    [Fact]
    public void Of_one_issuer_the_highest_version_is_in_force_whatever_the_order_of_arrival()
    {
        var newer = Update("js-province", "province", 2, 2030, "2030-10-08");
        var older = Update("js-province", "province", 1, 2030, "2030-10-01");
        Assert.Same(newer, Assert.Single(CalendarUpdates.InForce([newer, older])));
        Assert.Same(newer, Assert.Single(CalendarUpdates.InForce([older, newer])));
    }

    [Fact]
    public void Of_several_issuers_the_highest_level_wins_and_each_year_is_decided_alone()
    {
        var county = Update("hm-county", "county", 9, 2030, "2030-10-01", minutes: 30);
        var city = Update("nt-city", "city", 5, 2030, "2030-10-02", minutes: 20);
        var province = Update("js-province", "province", 1, 2030, "2030-10-03");
        var cityOnly = Update("nt-city", "city", 6, 2031, "2031-10-01");
        Assert.Equal([province, cityOnly], CalendarUpdates.InForce([county, city, province, cityOnly]));
        Assert.Equal([city], CalendarUpdates.InForce([county, city]));
    }

    [Fact]
    public void The_operators_official_file_wins_over_an_update_which_wins_over_a_provisional_file_and_the_shipped_year()
    {
        var shipped = new CalendarYear(2030, [new CalendarDay(new DateOnly(2030, 10, 1), "国庆节")], []);
        var provisional = new CalendarYear(2030, [new CalendarDay(new DateOnly(2030, 10, 2), "国庆节")], [], provisional: true, note: "按往年推算");
        var official = new CalendarYear(2030, [new CalendarDay(new DateOnly(2030, 10, 3), "国庆节")], []);
        var update = Update("js-province", "province", 1, 2030, "2030-10-04").ToYear();
        Assert.Same(official, WorkingDayCalendarSource.Choose(shipped, official, update));
        Assert.Same(update, WorkingDayCalendarSource.Choose(shipped, provisional, update));
        Assert.Same(update, WorkingDayCalendarSource.Choose(shipped, null, update));
        Assert.Same(provisional, WorkingDayCalendarSource.Choose(shipped, provisional, null));
        Assert.Same(shipped, WorkingDayCalendarSource.Choose(shipped, null, null));
    }

    [Fact]
    public void A_merged_update_changes_the_current_calendar_and_adds_a_year_that_was_not_loaded()
    {
        var source = new WorkingDayCalendarSource(CalendarLoader.LoadShipped(), []);
        var before = source.Current;
        Assert.False(before.Covers(2030));
        source.Merge([Update("js-province", "province", 1, 2030, "2030-10-08")]);
        Assert.False(source.Current.IsWorkingDay(new DateOnly(2030, 10, 8)));
        Assert.Equal(new DateOnly(2030, 10, 9), source.Current.OnOrNextWorkingDay(new DateOnly(2030, 10, 8)));
        // The shipped years stay, and a deadline computed on the earlier calendar kept that calendar.
        Assert.True(source.Current.Covers(2026));
        Assert.False(before.Covers(2030));
    }

    [Fact]
    public void Merged_updates_only_grow_so_a_service_whose_store_lags_does_not_take_back_what_another_applied()
    {
        // In an embedded node planning, notification and rectification share one source, each refreshing it from its own store.
        var source = new WorkingDayCalendarSource(CalendarLoader.LoadShipped(), []);
        var first = Update("js-province", "province", 1, 2030, "2030-10-08");
        source.Merge([first]);
        Assert.False(source.Current.IsWorkingDay(new DateOnly(2030, 10, 8)));
        // A store that has not kept the update yet: the year stays.
        source.Merge([]);
        Assert.False(source.Current.IsWorkingDay(new DateOnly(2030, 10, 8)));
        // A newer version from another store supersedes it; the older one arriving again changes nothing.
        source.Merge([Update("js-province", "province", 2, 2030, "2030-10-09")]);
        source.Merge([first]);
        Assert.True(source.Current.IsWorkingDay(new DateOnly(2030, 10, 8)));
        Assert.False(source.Current.IsWorkingDay(new DateOnly(2030, 10, 9)));
    }
}
