using Platform.BuildingBlocks.Calendar;
using Platform.BuildingBlocks.Kernel.Calendar;
using Platform.Notification.Module.Domain;

namespace Platform.Notification.Tests;

public sealed class ReminderScheduleTests
{
    private static readonly WorkingDayCalendar Calendar = new(CalendarLoader.LoadShipped());
    private static readonly ReminderSchedule Schedule = new(Calendar, [3, 1]);

    private static DateOnly D(string date) => DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

    private static string[] Slots(string deadline) =>
        [.. Schedule.SlotsFor(D(deadline)).Select(s => $"{s.Kind}:{s.DueOn:yyyy-MM-dd}")];

    [Fact]
    public void An_ordinary_week_counts_back_over_the_weekend()
    {
        // Wednesday 18 November 2026.
        Assert.Equal(["before_3:2026-11-13", "before_1:2026-11-17", "due_day:2026-11-18", "overdue:2026-11-19"], Slots("2026-11-18"));
    }

    [Fact]
    public void National_day_holidays_are_skipped_and_the_make_up_saturday_counts()
    {
        // Monday 12 October: 10 October (Saturday) is a make-up working day, 1–7 October are holidays.
        Assert.Equal(["before_3:2026-10-08", "before_1:2026-10-10", "due_day:2026-10-12", "overdue:2026-10-13"], Slots("2026-10-12"));
        // Friday 9 October: 3 working days back crosses the whole holiday into September; overdue on the make-up Saturday.
        Assert.Equal(["before_3:2026-09-29", "before_1:2026-10-08", "due_day:2026-10-09", "overdue:2026-10-10"], Slots("2026-10-09"));
    }

    [Fact]
    public void A_deadline_on_a_holiday_has_no_reminder_on_the_day_itself()
    {
        // 3 October is a National Day holiday: the last reminder before it is on 30 September.
        Assert.Equal(["before_3:2026-09-28", "before_1:2026-09-30", "overdue:2026-10-08"], Slots("2026-10-03"));
    }

    [Fact]
    public void Spring_festival_and_its_make_up_days()
    {
        // 24 February 2026 (Tuesday) follows the Spring Festival holiday (15–23 February); 14 February (Saturday) is a make-up day.
        Assert.Equal(["before_3:2026-02-12", "before_1:2026-02-14", "due_day:2026-02-24", "overdue:2026-02-25"], Slots("2026-02-24"));
    }

    [Fact]
    public void A_year_not_loaded_counts_monday_to_friday()
    {
        // 2030 is not in the calendar: Monday 7 January 2030 counts back over the weekend only.
        Assert.Equal(["before_3:2030-01-02", "before_1:2030-01-04", "due_day:2030-01-07", "overdue:2030-01-08"], Slots("2030-01-07"));
    }

    [Fact]
    public void Next_and_due_reminders_start_from_the_given_day()
    {
        var deadline = D("2026-10-12");
        Assert.Equal(new ReminderSlot("before_1", D("2026-10-10")), Schedule.NextOnOrAfter(deadline, D("2026-10-09")));
        Assert.Null(Schedule.NextOnOrAfter(deadline, D("2026-10-14")));
        Assert.Equal(["due_day", "overdue"], Schedule.DueBetween(deadline, D("2026-10-11"), D("2026-10-20")).Select(s => s.Kind));
    }

    [Fact]
    public void Configured_offsets_are_used_in_order_without_duplicates()
    {
        var schedule = new ReminderSchedule(Calendar, [1, 5, 5, 0]);
        Assert.Equal(["before_5", "before_1", "due_day", "overdue"], schedule.SlotsFor(D("2026-11-18")).Select(s => s.Kind));
    }
}

public sealed class DeadlineWatchTests
{
    private static readonly ReminderSchedule Schedule = new(new WorkingDayCalendar(CalendarLoader.LoadShipped()), [3, 1]);

    [Fact]
    public void A_deadline_already_missed_when_watched_is_owed_its_overdue_reminder_only()
    {
        var today = new DateOnly(2026, 11, 23);
        var watch = DeadlineWatch.Start(WatchSources.Assignment, Guid.NewGuid(), null, Guid.NewGuid(), "单位", "任务", new DateOnly(2026, 11, 2), today, Schedule, DateTimeOffset.UtcNow, "n");
        Assert.Equal(new DateOnly(2026, 11, 3), watch.NextReminderOn);
        Assert.Equal(["overdue"], Schedule.DueBetween(watch.Deadline, watch.WatchedFrom, today).Select(s => s.Kind));
    }

    [Fact]
    public void A_future_deadline_is_reminded_from_today_on()
    {
        var today = new DateOnly(2026, 11, 23);
        var watch = DeadlineWatch.Start(WatchSources.Assignment, Guid.NewGuid(), null, Guid.NewGuid(), "单位", "任务", new DateOnly(2026, 11, 25), today, Schedule, DateTimeOffset.UtcNow, "n");
        // before_3 (19 November) fell before the watch began and is not owed.
        Assert.Equal(today, watch.WatchedFrom);
        Assert.Equal(new DateOnly(2026, 11, 24), watch.NextReminderOn);
        watch.Advance(new DateOnly(2026, 11, 26), Schedule, DateTimeOffset.UtcNow, "n");
        Assert.Null(watch.NextReminderOn);
    }
}
