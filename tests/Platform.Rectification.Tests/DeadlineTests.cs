using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Calendar;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Kernel.Calendar;
using Platform.Rectification.Module.Domain;
using Platform.Rectification.Module.Features;

namespace Platform.Rectification.Tests;

public sealed class DeadlineTests
{
    private static readonly WorkingDayCalendarSource CalendarSource = new(CalendarLoader.LoadShipped(), []);
    private static readonly WorkingDayCalendar Calendar = CalendarSource.Current;
    private static readonly DeadlinePolicy Policy = new(CalendarSource, Options.Create(new DeadlineOptions()));

    [Theory]
    [InlineData("severe", 20)]
    [InlineData("serious", 30)]
    [InlineData("general", 40)]
    [InlineData("unknown", 40)]
    public void Each_severity_has_its_default_number_of_working_days(string severity, int days) =>
        Assert.Equal(days, Policy.WorkingDaysFor(severity));

    [Fact]
    public void A_new_deadline_skips_the_spring_festival_and_counts_its_make_up_saturdays()
    {
        // Feedback on Friday 13 February 2026: Saturday 14 and Saturday 28 are make-up working
        // days, 15-23 February the Spring Festival; the 20th working day after is 19 March.
        Assert.Equal(new DateOnly(2026, 3, 19), Policy.ForNewItem(Severities.Severe, new DateOnly(2026, 2, 13)));
    }

    [Fact]
    public void Overdue_working_days_skip_the_national_day_holiday()
    {
        Assert.Equal(0, Policy.OverdueWorkingDays(new DateOnly(2026, 9, 30), new DateOnly(2026, 9, 30)));
        Assert.Equal(0, Policy.OverdueWorkingDays(new DateOnly(2026, 9, 30), new DateOnly(2026, 10, 7)));
        Assert.Equal(2, Policy.OverdueWorkingDays(new DateOnly(2026, 9, 30), new DateOnly(2026, 10, 9)));
    }

    [Fact]
    public void The_latest_deadline_for_a_lag_is_found_across_holidays()
    {
        // On Friday 9 October an item due on the last day of the National Day holiday is 2 working days late.
        Assert.Equal(new DateOnly(2026, 10, 8), LadderSteps.LatestDeadlineOverdueBy(Calendar, new DateOnly(2026, 10, 9), 1));
        Assert.Equal(new DateOnly(2026, 10, 7), LadderSteps.LatestDeadlineOverdueBy(Calendar, new DateOnly(2026, 10, 9), 2));
        // On a Sunday, Friday's deadline is 0 working days late; Thursday's is 1.
        Assert.Equal(new DateOnly(2026, 3, 5), LadderSteps.LatestDeadlineOverdueBy(Calendar, new DateOnly(2026, 3, 8), 1));
    }

    [Fact]
    public void The_latest_deadline_agrees_with_counting_every_day_of_the_year()
    {
        for (var today = new DateOnly(2026, 4, 1); today <= new DateOnly(2027, 6, 30); today = today.AddDays(1))
        {
            foreach (var lag in new[] { 1, 2, 5, 10, 20, 45 })
            {
                var latest = LadderSteps.LatestDeadlineOverdueBy(Calendar, today, lag);
                Assert.True(Calendar.CountWorkingDays(latest, today) >= lag, $"{today}: {latest} is not {lag} working days late");
                Assert.True(Calendar.CountWorkingDays(latest.AddDays(1), today) < lag, $"{today}: {latest.AddDays(1)} is also {lag} working days late");
            }
        }
    }

    [Fact]
    public void Options_outside_their_range_are_refused()
    {
        var options = new DeadlineOptions { SevereWorkingDays = 0, GeneralWorkingDays = 400 };
        var results = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Equal(["SevereWorkingDays", "GeneralWorkingDays"], results.SelectMany(r => r.MemberNames).Order().Reverse());
    }

    [Theory]
    [InlineData("320000", "32")]
    [InlineData("320600", "3206")]
    [InlineData("320602", "320602")]
    public void An_office_sees_the_regions_below_its_own(string office, string prefix) =>
        Assert.Equal(prefix, RectificationAccess.RegionPrefix(office));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_blank_new_deadline_leaves_the_policy_to_choose(string? newDeadline)
    {
        var validator = new RequestValidator();
        Assert.Null(DeadlinePolicy.OptionalNewDeadline(validator, newDeadline, new DateOnly(2026, 5, 11)));
        Assert.True(validator.IsValid);
    }

    [Fact]
    public void A_new_deadline_after_today_is_taken()
    {
        var validator = new RequestValidator();
        Assert.Equal(new DateOnly(2026, 5, 12), DeadlinePolicy.OptionalNewDeadline(validator, "2026-05-12", new DateOnly(2026, 5, 11)));
        Assert.True(validator.IsValid);
    }

    [Theory]
    [InlineData("2026-05-11", "must be after today (2026-05-11), got 2026-05-11")]
    [InlineData("2026-05-10", "must be after today (2026-05-11), got 2026-05-10")]
    public void A_new_deadline_today_or_earlier_is_refused_naming_the_field(string newDeadline, string description)
    {
        var validator = new RequestValidator();
        DeadlinePolicy.OptionalNewDeadline(validator, newDeadline, new DateOnly(2026, 5, 11));
        Assert.Equal([new FieldViolation("new_deadline", description)], validator.Violations);
    }

    [Fact]
    public void A_new_deadline_that_is_no_date_is_refused_once()
    {
        var validator = new RequestValidator();
        DeadlinePolicy.OptionalNewDeadline(validator, "next month", new DateOnly(2026, 5, 11));
        Assert.Equal("new_deadline", Assert.Single(validator.Violations).Field);
    }
}
