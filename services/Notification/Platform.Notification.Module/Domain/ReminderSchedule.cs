using Platform.BuildingBlocks.Kernel.Calendar;

namespace Platform.Notification.Module.Domain;

/// <summary>One reminder of a deadline: its kind (before_3, due_day, overdue...) and the date it is due.</summary>
public readonly record struct ReminderSlot(string Kind, DateOnly DueOn)
{
    public const string DueDay = "due_day";
    public const string Overdue = "overdue";

    public bool IsOverdue => Kind == Overdue;
}

/// <summary>
/// When the reminders of a deadline fall, on the working-day calendar: N working days before
/// it, on the day, and on the first working day after it (overdue). The calendar is read anew for each deadline, so the
/// calendar updates that come from above (ADR 0024) move the reminders computed after them.
/// </summary>
public sealed class ReminderSchedule(Func<WorkingDayCalendar> calendarInForce, IReadOnlyList<int> beforeWorkingDays)
{
    private readonly int[] _before = [.. beforeWorkingDays.Where(d => d > 0).Distinct().OrderDescending()];

    /// <summary>A schedule on a calendar that does not change.</summary>
    public ReminderSchedule(WorkingDayCalendar calendar, IReadOnlyList<int> beforeWorkingDays)
        : this(() => calendar, beforeWorkingDays)
    {
    }

    /// <summary>Every reminder of <paramref name="deadline"/>, in date order.</summary>
    public IReadOnlyList<ReminderSlot> SlotsFor(DateOnly deadline)
    {
        // One calendar for every slot of the deadline, even if an update is applied meanwhile.
        var calendar = calendarInForce();
        var slots = new List<ReminderSlot>(_before.Length + 2);
        foreach (var days in _before)
        {
            slots.Add(new ReminderSlot("before_" + days, AddWorkingDays(calendar, deadline, -days)));
        }
        // A deadline on a day off gets no reminder on the day itself: nobody is at work, and
        // the "1 working day before" reminder already fell on the last working day.
        if (IsWorkingDay(calendar, deadline))
        {
            slots.Add(new ReminderSlot(ReminderSlot.DueDay, deadline));
        }
        // "Overdue" is the first working day on which the deadline is behind us.
        slots.Add(new ReminderSlot(ReminderSlot.Overdue, AddWorkingDays(calendar, deadline, 1)));
        // A deadline on a day off can put a "before" reminder after the day itself; keep date order.
        slots.Sort((a, b) => a.DueOn.CompareTo(b.DueOn));
        return slots;
    }

    // Years the calendar has not loaded yet (a deadline years ahead) count Monday to Friday,
    // the best guess until the operator loads that year's holidays.
    private static bool IsWorkingDay(WorkingDayCalendar calendar, DateOnly date) =>
        calendar.Covers(date.Year) ? calendar.IsWorkingDay(date) : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    private static DateOnly AddWorkingDays(WorkingDayCalendar calendar, DateOnly start, int days)
    {
        if (calendar.Covers(start.Year))
        {
            try
            {
                return calendar.AddWorkingDays(start, days);
            }
            catch (CalendarYearNotLoadedException)
            {
                // The count crosses into a year that is not loaded: step day by day below.
            }
        }
        var date = start;
        var step = Math.Sign(days);
        for (var left = Math.Abs(days); left > 0;)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(calendar, date))
            {
                left--;
            }
        }
        return date;
    }

    /// <summary>The first reminder due on or after <paramref name="date"/>, or null when none is left.</summary>
    public ReminderSlot? NextOnOrAfter(DateOnly deadline, DateOnly date)
    {
        foreach (var slot in SlotsFor(deadline))
        {
            if (slot.DueOn >= date)
            {
                return slot;
            }
        }
        return null;
    }

    /// <summary>Reminders due in [<paramref name="from"/>, <paramref name="today"/>]: what a scan on <paramref name="today"/> owes.</summary>
    public IEnumerable<ReminderSlot> DueBetween(DateOnly deadline, DateOnly from, DateOnly today) =>
        SlotsFor(deadline).Where(s => s.DueOn >= from && s.DueOn <= today);
}
