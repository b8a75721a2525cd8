using System.Collections.ObjectModel;

namespace Platform.BuildingBlocks.Kernel.Calendar;

/// <summary>
/// Working days of the People's Republic of China for the loaded years: weekends and public
/// holidays are days off, make-up days (调休上班) are working days. Immutable and lock-free,
/// so one instance serves every thread; every query is O(1) (array lookups), because the
/// reminder scheduler asks millions of times. A date in a year that is not loaded throws
/// <see cref="CalendarYearNotLoadedException"/>.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly int firstYear;
    private readonly Segment?[] segmentByYear;
    private readonly CalendarYear?[] dataByYear;

    public WorkingDayCalendar(IEnumerable<CalendarYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        var list = years.OrderBy(y => y.Year).ToList();
        for (var i = 1; i < list.Count; i++)
        {
            if (list[i].Year == list[i - 1].Year)
            {
                throw new ArgumentException($"Calendar year {list[i].Year} is given twice ({list[i - 1].Source} and {list[i].Source}).", nameof(years));
            }
        }

        Years = new ReadOnlyCollection<int>([.. list.Select(y => y.Year)]);
        if (list.Count == 0)
        {
            segmentByYear = [];
            dataByYear = [];
            return;
        }

        firstYear = list[0].Year;
        var span = list[^1].Year - firstYear + 1;
        segmentByYear = new Segment?[span];
        dataByYear = new CalendarYear?[span];
        foreach (var year in list)
        {
            dataByYear[year.Year - firstYear] = year;
        }

        // A run of consecutive years shares one dense table, so counting and adding across
        // New Year is plain arithmetic; a gap year splits the runs and is never crossed.
        var start = 0;
        for (var i = 1; i <= list.Count; i++)
        {
            if (i == list.Count || list[i].Year != list[i - 1].Year + 1)
            {
                var segment = new Segment(list.GetRange(start, i - start));
                for (var y = segment.FirstYear; y <= segment.LastYear; y++)
                {
                    segmentByYear[y - firstYear] = segment;
                }
                start = i;
            }
        }
    }

    /// <summary>The loaded years, ascending.</summary>
    public IReadOnlyList<int> Years { get; }

    public bool Covers(int year)
    {
        var index = year - firstYear;
        return (uint)index < (uint)segmentByYear.Length && segmentByYear[index] is not null;
    }

    /// <summary>The loaded data of a year (holiday names, whether it is provisional).</summary>
    public CalendarYear GetYear(int year) =>
        Covers(year) ? dataByYear[year - firstYear]! : throw new CalendarYearNotLoadedException(year);

    public bool IsWorkingDay(DateOnly date)
    {
        var segment = SegmentOf(date.Year);
        return segment.Working[segment.Index(date)];
    }

    /// <summary>
    /// The <paramref name="days"/>-th working day after <paramref name="start"/>, not counting
    /// <paramref name="start"/> itself ("within 5 working days" of a date ends on the 5th
    /// working day after it). A negative count goes back: -3 is the 3rd working day before
    /// <paramref name="start"/>. Zero returns <paramref name="start"/> unchanged.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        var segment = SegmentOf(start.Year);
        if (days == 0)
        {
            return start;
        }

        var index = segment.Index(start);
        // Ordinals are zero-based positions in the segment's list of working days.
        long ordinal = days > 0
            ? (long)segment.WorkingThrough[index] - 1 + days
            : (long)WorkingBefore(segment, index) + days;
        if (ordinal < 0)
        {
            throw new CalendarYearNotLoadedException(segment.FirstYear - 1);
        }
        if (ordinal >= segment.WorkingDayIndexes.Length)
        {
            throw new CalendarYearNotLoadedException(segment.LastYear + 1);
        }
        return segment.Date(segment.WorkingDayIndexes[ordinal]);
    }

    /// <summary>
    /// Working days in (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>].
    /// When <paramref name="toInclusive"/> is earlier the result is the negative of the
    /// count the other way round, so "working days left" turns into "working days overdue".
    /// </summary>
    public int CountWorkingDays(DateOnly fromExclusive, DateOnly toInclusive)
    {
        var from = SegmentOf(fromExclusive.Year);
        var to = SegmentOf(toInclusive.Year);
        if (!ReferenceEquals(from, to))
        {
            // Both years are loaded but one between them is not.
            throw new CalendarYearNotLoadedException(fromExclusive <= toInclusive ? from.LastYear + 1 : to.LastYear + 1);
        }
        return from.WorkingThrough[from.Index(toInclusive)] - from.WorkingThrough[from.Index(fromExclusive)];
    }

    /// <summary>The date itself when it is a working day, otherwise the first working day after it.</summary>
    public DateOnly OnOrNextWorkingDay(DateOnly date) =>
        IsWorkingDay(date) ? date : AddWorkingDays(date, 1);

    private static int WorkingBefore(Segment segment, int index) =>
        segment.WorkingThrough[index] - (segment.Working[index] ? 1 : 0);

    private Segment SegmentOf(int year)
    {
        var index = year - firstYear;
        if ((uint)index >= (uint)segmentByYear.Length)
        {
            throw new CalendarYearNotLoadedException(year);
        }
        return segmentByYear[index] ?? throw new CalendarYearNotLoadedException(year);
    }

    /// <summary>Dense tables for a run of consecutive loaded years, indexed by day since 1 January of the first.</summary>
    private sealed class Segment
    {
        public Segment(List<CalendarYear> years)
        {
            FirstYear = years[0].Year;
            LastYear = years[^1].Year;
            FirstDayNumber = new DateOnly(FirstYear, 1, 1).DayNumber;
            var length = new DateOnly(LastYear, 12, 31).DayNumber - FirstDayNumber + 1;

            Working = new bool[length];
            for (var i = 0; i < length; i++)
            {
                Working[i] = Date(i).DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
            }
            foreach (var year in years)
            {
                foreach (var holiday in year.Holidays)
                {
                    Working[Index(holiday.Date)] = false;
                }
                foreach (var makeUp in year.MakeUpWorkingDays)
                {
                    Working[Index(makeUp.Date)] = true;
                }
            }

            WorkingThrough = new int[length];
            var indexes = new List<int>(length);
            var count = 0;
            for (var i = 0; i < length; i++)
            {
                if (Working[i])
                {
                    indexes.Add(i);
                    count++;
                }
                WorkingThrough[i] = count;
            }
            WorkingDayIndexes = [.. indexes];
        }

        public int FirstYear { get; }

        public int LastYear { get; }

        private int FirstDayNumber { get; }

        public bool[] Working { get; }

        /// <summary>Working days from the segment's first day up to and including each day.</summary>
        public int[] WorkingThrough { get; }

        /// <summary>The day index of each working day, in order.</summary>
        public int[] WorkingDayIndexes { get; }

        public int Index(DateOnly date) => date.DayNumber - FirstDayNumber;

        public DateOnly Date(int index) => DateOnly.FromDayNumber(FirstDayNumber + index);
    }
}
