using BenchmarkDotNet.Attributes;
using Platform.BuildingBlocks.Calendar;
using Platform.BuildingBlocks.Kernel.Calendar;
using Platform.Notification.Module.Domain;
using Platform.Planning.Module.Domain.ReportingRules;

namespace Platform.MicroBenchmarks;

/// <summary>
/// The working-day calendar, the reporting rule engine over every shipped rule, and reminder
/// evaluation (a deadline's slots and the one due today) — each over a year of dates.
/// </summary>
[MemoryDiagnoser]
public class CalendarBenchmarks
{
    private WorkingDayCalendar _calendar = null!;
    private ReportingRuleEngine _engine = null!;
    private IReadOnlyList<ReportingRule> _rules = [];
    private ReminderSchedule _reminders = null!;
    private DateOnly[] _dates = [];

    [GlobalSetup]
    public void Setup()
    {
        _calendar = new WorkingDayCalendar(CalendarLoader.LoadShipped());
        _engine = new ReportingRuleEngine(_calendar);
        _rules = ReportingRuleCatalog.LoadEmbedded().All;
        _reminders = new ReminderSchedule(_calendar, [3, 1]);
        // A year whose next year is loaded too: deadlines of late triggers fall in it.
        var year = _calendar.Years.Where(y => _calendar.Covers(y + 1)).Max();
        _dates = Enumerable.Range(0, 365).Select(d => new DateOnly(year, 1, 1).AddDays(d)).ToArray();
    }

    [Benchmark(Description = "calendar: add 10 working days, 365 dates")]
    public int AddWorkingDays()
    {
        var sum = 0;
        foreach (var date in _dates)
        {
            sum += _calendar.AddWorkingDays(date, 10).DayNumber;
        }
        return sum;
    }

    [Benchmark(Description = "rule engine: every rule, 365 trigger dates")]
    public int EvaluateRules()
    {
        var count = 0;
        foreach (var rule in _rules)
        {
            foreach (var date in _dates)
            {
                count += _engine.Evaluate(rule, date, date.AddDays(20)).Count;
            }
        }
        return count;
    }

    [Benchmark(Description = "reminders: next slot for 365 deadlines")]
    public int EvaluateReminders()
    {
        var count = 0;
        var today = _dates[0];
        foreach (var deadline in _dates)
        {
            if (_reminders.NextOnOrAfter(deadline, today) is not null)
            {
                count++;
            }
        }
        return count;
    }
}
