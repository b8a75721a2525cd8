using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Platform.BuildingBlocks.Calendar;
using Platform.BuildingBlocks.Kernel.Calendar;

namespace Platform.BuildingBlocks.Tests;

public sealed class CalendarTests : IDisposable
{
    private static readonly WorkingDayCalendar Shipped = new(CalendarLoader.LoadShipped());

    private readonly string _directory = Directory.CreateTempSubdirectory("calendar-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Shipped_calendar_has_2026_official_and_2027_provisional()
    {
        Assert.Equal([2026, 2027], Shipped.Years);
        Assert.False(Shipped.GetYear(2026).Provisional);
        Assert.Contains("国办发明电〔2025〕7号", Shipped.GetYear(2026).Notice, StringComparison.Ordinal);
        Assert.True(Shipped.GetYear(2027).Provisional);
        Assert.False(string.IsNullOrWhiteSpace(Shipped.GetYear(2027).Note));
        Assert.True(Shipped.Covers(2026));
        Assert.False(Shipped.Covers(2025));
        Assert.False(Shipped.Covers(2028));
    }

    [Fact]
    public void One_working_day_after_30_September_is_8_October_because_of_National_Day()
    {
        Assert.Equal(D("2026-10-08"), Shipped.AddWorkingDays(D("2026-09-30"), 1));
        for (var day = D("2026-10-01"); day <= D("2026-10-07"); day = day.AddDays(1))
        {
            Assert.False(Shipped.IsWorkingDay(day), $"{day} is in the National Day holiday");
        }
    }

    [Theory]
    [InlineData("2026-09-20", true)]  // Sunday, make-up day for National Day
    [InlineData("2026-10-10", true)]  // Saturday, make-up day for National Day
    [InlineData("2026-10-11", false)] // an ordinary Sunday
    [InlineData("2026-01-04", true)]  // Sunday, make-up day for New Year
    [InlineData("2026-05-09", true)]  // Saturday, make-up day for Labour Day
    [InlineData("2026-06-19", false)] // Dragon Boat Festival, a Friday
    [InlineData("2026-09-25", false)] // Mid-Autumn Festival, a Friday
    [InlineData("2026-04-06", false)] // Qingming break, a Monday
    [InlineData("2026-09-30", true)]  // an ordinary Wednesday
    public void Working_days_of_2026_follow_the_State_Council_notice(string date, bool working) =>
        Assert.Equal(working, Shipped.IsWorkingDay(D(date)));

    [Fact]
    public void Counting_across_the_10_October_make_up_Saturday_counts_it()
    {
        // 9 Oct (Fri), 10 Oct (make-up Sat), 12-16 Oct (Mon-Fri).
        Assert.Equal(7, Shipped.CountWorkingDays(D("2026-10-08"), D("2026-10-16")));
        Assert.Equal(D("2026-10-10"), Shipped.AddWorkingDays(D("2026-10-08"), 2));
        Assert.Equal(D("2026-10-12"), Shipped.AddWorkingDays(D("2026-10-08"), 3));
        // The whole of 1-7 October counts for nothing.
        Assert.Equal(1, Shipped.CountWorkingDays(D("2026-09-30"), D("2026-10-08")));
    }

    [Fact]
    public void Spring_Festival_2026_is_15_to_23_February_with_make_up_Saturdays_either_side()
    {
        Assert.True(Shipped.IsWorkingDay(D("2026-02-14")));
        Assert.True(Shipped.IsWorkingDay(D("2026-02-28")));
        for (var day = D("2026-02-15"); day <= D("2026-02-23"); day = day.AddDays(1))
        {
            Assert.False(Shipped.IsWorkingDay(day), $"{day} is in the Spring Festival holiday");
        }
        Assert.Equal(D("2026-02-14"), Shipped.AddWorkingDays(D("2026-02-13"), 1));
        Assert.Equal(D("2026-02-24"), Shipped.AddWorkingDays(D("2026-02-14"), 1));
        // 14 Feb, then 24-27 Feb.
        Assert.Equal(5, Shipped.CountWorkingDays(D("2026-02-13"), D("2026-02-27")));
        Assert.Equal(D("2026-02-24"), Shipped.OnOrNextWorkingDay(D("2026-02-15")));
    }

    [Fact]
    public void Negative_days_go_back_not_counting_the_start()
    {
        Assert.Equal(D("2026-09-30"), Shipped.AddWorkingDays(D("2026-10-08"), -1));
        // 25-27 September is the Mid-Autumn break: 30, 29, 28 September.
        Assert.Equal(D("2026-09-28"), Shipped.AddWorkingDays(D("2026-10-08"), -3));
        Assert.Equal(D("2026-09-24"), Shipped.AddWorkingDays(D("2026-10-08"), -4));
        Assert.Equal(D("2026-09-30"), Shipped.AddWorkingDays(D("2026-10-04"), -1));
        Assert.Equal(D("2026-10-04"), Shipped.AddWorkingDays(D("2026-10-04"), 0));
    }

    [Theory]
    [InlineData(2026)]
    [InlineData(2027)]
    public void Each_shipped_year_has_248_working_days(int year)
    {
        // 365 days - 104 weekend days - 13 statutory holidays; make-up days give back the bridged weekdays.
        var firstDay = new DateOnly(year, 1, 1);
        Assert.False(Shipped.IsWorkingDay(firstDay));
        Assert.Equal(248, Shipped.CountWorkingDays(firstDay, new DateOnly(year, 12, 31)));
    }

    [Fact]
    public void Counting_backwards_is_negative()
    {
        Assert.Equal(-7, Shipped.CountWorkingDays(D("2026-10-16"), D("2026-10-08")));
        Assert.Equal(0, Shipped.CountWorkingDays(D("2026-10-01"), D("2026-10-01")));
    }

    [Fact]
    public void Years_in_a_row_are_crossed_at_New_Year()
    {
        // 1-3 January 2027 is New Year (provisional data).
        Assert.Equal(D("2027-01-04"), Shipped.AddWorkingDays(D("2026-12-31"), 1));
        Assert.Equal(3, Shipped.CountWorkingDays(D("2026-12-30"), D("2027-01-05")));
        Assert.Equal(D("2026-12-31"), Shipped.AddWorkingDays(D("2027-01-04"), -1));
    }

    [Fact]
    public void On_or_next_working_day()
    {
        Assert.Equal(D("2026-09-30"), Shipped.OnOrNextWorkingDay(D("2026-09-30")));
        Assert.Equal(D("2026-10-08"), Shipped.OnOrNextWorkingDay(D("2026-10-01")));
        Assert.Equal(D("2026-10-10"), Shipped.OnOrNextWorkingDay(D("2026-10-10")));
    }

    [Fact]
    public void The_fast_tables_agree_with_walking_day_by_day()
    {
        // The rule itself, from the raw year data: a weekday that is not a holiday, or a make-up day.
        static bool Naive(WorkingDayCalendar calendar, DateOnly d)
        {
            var year = calendar.GetYear(d.Year);
            return year.MakeUpWorkingDays.Any(m => m.Date == d)
                || (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && year.Holidays.All(h => h.Date != d));
        }

        var first = D("2026-01-01");
        var last = D("2027-12-31");
        for (var start = first; start <= last; start = start.AddDays(1))
        {
            Assert.Equal(Naive(Shipped, start), Shipped.IsWorkingDay(start));
            foreach (var n in new[] { 1, 5, 30 })
            {
                var expected = start;
                var left = n;
                while (left > 0 && expected < last)
                {
                    expected = expected.AddDays(1);
                    if (Naive(Shipped, expected))
                    {
                        left--;
                    }
                }
                if (left > 0)
                {
                    continue;
                }
                Assert.Equal(expected, Shipped.AddWorkingDays(start, n));
                Assert.Equal(n, Shipped.CountWorkingDays(start, expected));
            }
        }
    }

    [Theory]
    [InlineData("2025-12-31", 2025)]
    [InlineData("2028-01-03", 2028)]
    public void A_year_that_is_not_loaded_throws_naming_it(string date, int year)
    {
        var ex = Assert.Throws<CalendarYearNotLoadedException>(() => Shipped.IsWorkingDay(D(date)));
        Assert.Equal(year, ex.Year);
        Assert.Contains(year.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message);
        Assert.Contains("Calendar:Directory", ex.Message);
    }

    [Fact]
    public void Running_off_the_loaded_years_throws_instead_of_guessing()
    {
        Assert.Equal(2028, Assert.Throws<CalendarYearNotLoadedException>(() => Shipped.AddWorkingDays(D("2027-12-30"), 5)).Year);
        Assert.Equal(2025, Assert.Throws<CalendarYearNotLoadedException>(() => Shipped.AddWorkingDays(D("2026-01-06"), -5)).Year);
        Assert.Equal(2025, Assert.Throws<CalendarYearNotLoadedException>(() => Shipped.CountWorkingDays(D("2025-12-01"), D("2026-01-10"))).Year);
        Assert.Equal(2028, Assert.Throws<CalendarYearNotLoadedException>(() => Shipped.OnOrNextWorkingDay(D("2028-01-01"))).Year);
        Assert.Equal(2030, Assert.Throws<CalendarYearNotLoadedException>(() => Shipped.GetYear(2030)).Year);
    }

    [Fact]
    public void A_gap_between_loaded_years_is_never_crossed()
    {
        var calendar = new WorkingDayCalendar([.. CalendarLoader.LoadShipped().Where(y => y.Year == 2026), new CalendarYear(2028, [], [])]);
        Assert.Equal([2026, 2028], calendar.Years);
        Assert.Equal(2027, Assert.Throws<CalendarYearNotLoadedException>(() => calendar.CountWorkingDays(D("2026-12-01"), D("2028-01-10"))).Year);
        Assert.Equal(2027, Assert.Throws<CalendarYearNotLoadedException>(() => calendar.CountWorkingDays(D("2028-01-10"), D("2026-12-01"))).Year);
        Assert.Equal(2027, Assert.Throws<CalendarYearNotLoadedException>(() => calendar.AddWorkingDays(D("2026-12-31"), 1)).Year);
        Assert.Equal(2027, Assert.Throws<CalendarYearNotLoadedException>(() => calendar.AddWorkingDays(D("2028-01-03"), -1)).Year);
        Assert.True(calendar.IsWorkingDay(D("2028-01-03")));
    }

    [Fact]
    public void An_operator_file_overrides_a_shipped_year_and_adds_new_ones()
    {
        // A local holiday on 2 March 2026 and a 2028 file.
        File.WriteAllText(Path.Combine(_directory, "2026.json"), Year2026With("""{ "date": "2026-03-02", "name": "地方假日" }"""));
        File.WriteAllText(Path.Combine(_directory, "2028.json"), """
            { "year": 2028, "holidays": [ { "date": "2028-01-01", "name": "元旦" } ], "makeUpWorkingDays": [] }
            """);
        var logger = new ListLogger();

        var calendar = new CalendarLoader(logger, new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)))
            .Load(new CalendarOptions { Directory = _directory });

        Assert.Equal([2026, 2027, 2028], calendar.Years);
        Assert.False(calendar.IsWorkingDay(D("2026-03-02")));
        Assert.Equal("2026.json", calendar.GetYear(2026).Source);
        Assert.Equal(D("2026-10-08"), calendar.AddWorkingDays(D("2026-09-30"), 1));
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("2026.json replaces", StringComparison.Ordinal));
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("2027", StringComparison.Ordinal) && e.Message.Contains("provisional", StringComparison.Ordinal));
    }

    [Fact]
    public void Loading_warns_for_provisional_years_and_a_missing_next_year()
    {
        var logger = new ListLogger();
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 12, 31, 17, 0, 0, TimeSpan.Zero)); // 1 January 2028 in China

        new CalendarLoader(logger, clock).Load(new CalendarOptions());

        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Calendar year 2027", StringComparison.Ordinal));
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("current year 2028", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "date": "2026-13-01", "name": "坏日期" }""", "holidays[33].date", "not a date")]
    [InlineData("""{ "date": "2026/10/01", "name": "坏格式" }""", "holidays[33].date", "yyyy-MM-dd")]
    [InlineData("""{ "date": "2026-10-01", "name": "国庆节" }""", "holidays[33].date", "listed twice")]
    [InlineData("""{ "date": "2027-01-01", "name": "元旦" }""", "holidays[33].date", "not in 2026")]
    [InlineData("""{ "name": "无日期" }""", "holidays[33].date", "required")]
    [InlineData("""{ "date": "2026-03-03" }""", "holidays[33].name", "required")]
    [InlineData("""{ "date": "2026-03-03", "name": "x", "dat": "2026-03-04" }""", "$.holidays[33].dat", "not valid")]
    public void A_bad_holiday_is_refused_naming_the_file_and_field(string entry, string field, string problem)
    {
        var ex = Assert.Throws<CalendarDataException>(() => CalendarLoader.Parse(Year2026With(entry), "2026.json"));
        Assert.Equal("2026.json", ex.FileName);
        Assert.Equal(field, ex.Field);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.Contains("2026.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_day_cannot_be_both_a_holiday_and_a_make_up_day()
    {
        var json = """
            {
              "year": 2026,
              "holidays": [ { "date": "2026-10-03", "name": "国庆节" } ],
              "makeUpWorkingDays": [ { "date": "2026-10-10", "name": "国庆节调休上班" }, { "date": "2026-10-03", "name": "国庆节调休上班" } ]
            }
            """;
        var ex = Assert.Throws<CalendarDataException>(() => CalendarLoader.Parse(json, "2026.json"));
        Assert.Equal("makeUpWorkingDays[1].date", ex.Field);
        Assert.Contains("both a holiday and a make-up working day (see holidays[0])", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_make_up_day_must_be_a_weekend_day()
    {
        var json = """
            { "year": 2026, "holidays": [], "makeUpWorkingDays": [ { "date": "2026-09-21", "name": "国庆节调休上班" } ] }
            """;
        var ex = Assert.Throws<CalendarDataException>(() => CalendarLoader.Parse(json, "2026.json"));
        Assert.Equal("makeUpWorkingDays[0].date", ex.Field);
        Assert.Contains("Monday", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "holidays": [] }""", "2026.json", "year", "required")]
    [InlineData("""{ "year": 2027, "holidays": [] }""", "2026.json", "year", "named for 2026")]
    [InlineData("""{ "year": 2026, "provisional": true }""", "2026.json", "note", "required when the year is provisional")]
    [InlineData("""{ "year": "2026" }""", "2026.json", "$.year", "not valid")]
    [InlineData("""{ "year": 2026, "makeupWorkingDays": [] }""", "2026.json", "$.makeupWorkingDays", "not valid")]
    [InlineData("""not json""", "2026.json", "$", "not valid")]
    public void A_bad_file_is_refused_naming_the_file_and_field(string json, string file, string field, string problem)
    {
        var ex = Assert.Throws<CalendarDataException>(() => CalendarLoader.Parse(json, file));
        Assert.Equal(file, ex.FileName);
        Assert.Equal(field, ex.Field);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_operator_files_for_one_year_are_refused()
    {
        File.WriteAllText(Path.Combine(_directory, "2026.json"), Year2026With(null));
        File.WriteAllText(Path.Combine(_directory, "2026-revised.json"), Year2026With(null));
        var ex = Assert.Throws<CalendarDataException>(() => CalendarLoader.LoadDirectory(_directory));
        Assert.Equal("year", ex.Field);
        Assert.Contains("one file per year", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_operator_folder_is_an_error()
    {
        var loader = new CalendarLoader(NullLogger<CalendarLoader>.Instance, TimeProvider.System);
        Assert.Throws<DirectoryNotFoundException>(() => loader.Load(new CalendarOptions { Directory = Path.Combine(_directory, "absent") }));
    }

    [Fact]
    public void AddWorkingDayCalendar_registers_one_singleton_and_reads_the_operator_folder()
    {
        File.WriteAllText(Path.Combine(_directory, "2028.json"), """{ "year": 2028, "holidays": [] }""");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _directory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Calendar:Directory"] = "." });

        builder.AddWorkingDayCalendar();
        builder.AddWorkingDayCalendar();

        Assert.Single(builder.Services, d => d.ServiceType == typeof(WorkingDayCalendar));
        using var host = builder.Build();
        var calendar = host.Services.GetRequiredService<WorkingDayCalendar>();
        Assert.Same(calendar, host.Services.GetRequiredService<WorkingDayCalendar>());
        Assert.Equal([2026, 2027, 2028], calendar.Years);
    }

    /// <summary>The shipped 2026 file with one more holiday appended (index 33).</summary>
    private static string Year2026With(string? extraHoliday)
    {
        using var stream = typeof(CalendarLoader).Assembly.GetManifestResourceStream("Platform.BuildingBlocks.Calendar.Years.2026.json")!;
        var json = new StreamReader(stream).ReadToEnd();
        if (extraHoliday is null)
        {
            return json;
        }
        var anchor = """{ "date": "2026-10-07", "name": "国庆节" }""";
        Assert.Contains(anchor, json, StringComparison.Ordinal);
        return json.Replace(anchor, anchor + ",\n    " + extraHoliday, StringComparison.Ordinal);
    }

    private sealed class ListLogger : ILogger<CalendarLoader>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
