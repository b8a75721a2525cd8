namespace Platform.BuildingBlocks.Kernel.Calendar;

/// <summary>One named day of an official calendar: a public holiday or a make-up working day (调休上班).</summary>
public sealed record CalendarDay(DateOnly Date, string Name);

/// <summary>
/// The official holiday arrangement of one year, as published by the State Council each
/// year (国务院办公厅关于部分节假日安排的通知). Validated on construction, so a
/// <see cref="WorkingDayCalendar"/> is only ever built from consistent data.
/// </summary>
public sealed class CalendarYear
{
    public CalendarYear(
        int year,
        IReadOnlyList<CalendarDay> holidays,
        IReadOnlyList<CalendarDay> makeUpWorkingDays,
        bool provisional = false,
        string? note = null,
        string source = "(code)",
        string? notice = null)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentNullException.ThrowIfNull(makeUpWorkingDays);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        Source = source;
        if (year is < MinYear or > MaxYear)
        {
            throw new CalendarDataException(source, "year", $"{year} is outside the supported range {MinYear}-{MaxYear}.");
        }
        if (provisional && string.IsNullOrWhiteSpace(note))
        {
            // A provisional year is a guess; the note is what tells the operator what to replace it with.
            throw new CalendarDataException(source, "note", "is required when the year is provisional; say what the data is based on and that it must be replaced by the official notice.");
        }

        var seen = new Dictionary<DateOnly, string>();
        Check(holidays, "holidays", year, seen, source);
        Check(makeUpWorkingDays, "makeUpWorkingDays", year, seen, source);
        for (var i = 0; i < makeUpWorkingDays.Count; i++)
        {
            var date = makeUpWorkingDays[i].Date;
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                throw new CalendarDataException(source, $"makeUpWorkingDays[{i}].date",
                    $"{date:yyyy-MM-dd} is a {date.DayOfWeek}; a make-up working day must be a Saturday or a Sunday.");
            }
        }

        Year = year;
        Holidays = [.. holidays.OrderBy(d => d.Date)];
        MakeUpWorkingDays = [.. makeUpWorkingDays.OrderBy(d => d.Date)];
        Provisional = provisional;
        Note = note;
        Notice = notice;
    }

    /// <summary>DateOnly covers years 1-9999; the calendar needs a year on either side to name the missing one.</summary>
    public const int MinYear = 2;

    public const int MaxYear = 9998;

    public int Year { get; }

    /// <summary>Days off, in date order. Weekend days inside a holiday break may be listed; they are days off either way.</summary>
    public IReadOnlyList<CalendarDay> Holidays { get; }

    /// <summary>Saturdays or Sundays that are working days, in date order.</summary>
    public IReadOnlyList<CalendarDay> MakeUpWorkingDays { get; }

    /// <summary>True when the data is not yet the official notice and must be replaced when it is published.</summary>
    public bool Provisional { get; }

    public string? Note { get; }

    /// <summary>The State Council notice the data follows, e.g. 国办发明电〔2025〕7号.</summary>
    public string? Notice { get; }

    /// <summary>Where the data was loaded from (a file or resource name), for messages.</summary>
    public string Source { get; }

    private static void Check(IReadOnlyList<CalendarDay> days, string field, int year, Dictionary<DateOnly, string> seen, string source)
    {
        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i] ?? throw new CalendarDataException(source, $"{field}[{i}]", "is null.");
            var path = $"{field}[{i}]";
            if (string.IsNullOrWhiteSpace(day.Name))
            {
                throw new CalendarDataException(source, $"{path}.name", "is required (for example \"国庆节\").");
            }
            if (day.Date.Year != year)
            {
                throw new CalendarDataException(source, $"{path}.date", $"{day.Date:yyyy-MM-dd} is not in {year}, the year of this file.");
            }
            if (seen.TryGetValue(day.Date, out var earlier))
            {
                var problem = earlier.StartsWith(field + "[", StringComparison.Ordinal)
                    ? $"{day.Date:yyyy-MM-dd} is listed twice (also at {earlier})."
                    : $"{day.Date:yyyy-MM-dd} is both a holiday and a make-up working day (see {earlier}).";
                throw new CalendarDataException(source, $"{path}.date", problem);
            }
            seen.Add(day.Date, path);
        }
    }
}
