using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Kernel.Calendar;
using Platform.BuildingBlocks.Kernel.Time;

namespace Platform.BuildingBlocks.Calendar;

/// <summary>
/// Builds the <see cref="WorkingDayCalendar"/> from the year files shipped in this assembly
/// and the operator's folder (<see cref="CalendarOptions.Directory"/>). Every file is
/// validated; an invalid file stops the load with a message naming the file and the field.
/// </summary>
public sealed partial class CalendarLoader(ILogger<CalendarLoader> logger, TimeProvider clock)
{
    private const string ResourcePrefix = "Platform.BuildingBlocks.Calendar.Years.";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // A misspelt field (say "makeupWorkingDays") would otherwise silently drop every make-up day.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public WorkingDayCalendar Load(CalendarOptions options) => Check(LoadSource(options).Current);

    /// <summary>Logs the provisional years and a missing current or next year of <paramref name="calendar"/>.</summary>
    public WorkingDayCalendar Check(WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        foreach (var year in calendar.Years.Select(calendar.GetYear).Where(y => y.Provisional))
        {
            LogProvisional(year.Year, year.Source, year.Note ?? string.Empty);
        }

        // Deadlines are Chinese civil dates, so "this year" is the year in China, whatever the server's zone.
        var thisYear = clock.TodayInChina().Year;
        if (!calendar.Covers(thisYear))
        {
            LogCurrentYearMissing(thisYear);
        }
        else if (!calendar.Covers(thisYear + 1))
        {
            LogNextYearMissing(thisYear + 1);
        }
        LogLoaded(string.Join(", ", calendar.Years));
        return calendar;
    }

    /// <summary>
    /// The shipped years and the operator's folder, which calendar updates from above join while the node runs
    /// (<see cref="WorkingDayCalendarSource"/>, ADR 0024).
    /// </summary>
    public WorkingDayCalendarSource LoadSource(CalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var shipped = LoadShipped();
        var local = string.IsNullOrWhiteSpace(options.Directory) ? [] : LoadDirectory(options.Directory);
        foreach (var year in local)
        {
            if (shipped.FirstOrDefault(y => y.Year == year.Year) is { } replaced)
            {
                LogOverride(year.Year, year.Source, replaced.Source);
            }
        }
        return new WorkingDayCalendarSource(shipped, local);
    }

    /// <summary>The years shipped with the platform as embedded resources.</summary>
    public static IReadOnlyList<CalendarYear> LoadShipped()
    {
        var assembly = typeof(CalendarLoader).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => ParseResource(assembly, name))];
    }

    /// <summary>Every <c>*.json</c> file of a folder; two files for one year are refused as ambiguous.</summary>
    public static IReadOnlyList<CalendarYear> LoadDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Calendar:Directory '{directory}' does not exist. Create it or remove the setting.");
        }

        var years = new Dictionary<int, CalendarYear>();
        foreach (var path in System.IO.Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var year = Parse(File.ReadAllText(path), Path.GetFileName(path));
            if (years.TryGetValue(year.Year, out var other))
            {
                throw new CalendarDataException(year.Source, "year", $"{year.Year} is also the year of '{other.Source}'; keep one file per year.");
            }
            years.Add(year.Year, year);
        }
        return [.. years.Values.OrderBy(y => y.Year)];
    }

    /// <summary>Parses and validates one year file; <paramref name="source"/> names it in errors.</summary>
    public static CalendarYear Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        YearFile file;
        try
        {
            file = JsonSerializer.Deserialize<YearFile>(json, JsonOptions)
                ?? throw new CalendarDataException(source, "$", "the file is empty (null).");
        }
        catch (JsonException ex)
        {
            throw new CalendarDataException(source, ex.Path ?? "$", $"is not valid: {ex.Message}");
        }

        if (file.Year is not { } year)
        {
            throw new CalendarDataException(source, "year", "is required.");
        }
        // Copying 2026.json to 2027.json and forgetting to edit it is the likely mistake.
        var stem = Path.GetFileNameWithoutExtension(source);
        if (stem.Length == 4 && int.TryParse(stem, NumberStyles.None, CultureInfo.InvariantCulture, out var named) && named != year)
        {
            throw new CalendarDataException(source, "year", $"is {year} but the file is named for {named}.");
        }

        return new CalendarYear(
            year,
            Days(file.Holidays, "holidays", source),
            Days(file.MakeUpWorkingDays, "makeUpWorkingDays", source),
            file.Provisional ?? false,
            file.Note,
            source,
            file.Notice);
    }

    private static CalendarYear ParseResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), name[ResourcePrefix.Length..]);
    }

    private static List<CalendarDay> Days(List<DayEntry?>? entries, string field, string source)
    {
        var days = new List<CalendarDay>();
        for (var i = 0; i < (entries?.Count ?? 0); i++)
        {
            var entry = entries![i] ?? throw new CalendarDataException(source, $"{field}[{i}]", "is null.");
            if (string.IsNullOrWhiteSpace(entry.Date))
            {
                throw new CalendarDataException(source, $"{field}[{i}].date", "is required (yyyy-MM-dd).");
            }
            if (!DateOnly.TryParseExact(entry.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new CalendarDataException(source, $"{field}[{i}].date", $"'{entry.Date}' is not a date in the form yyyy-MM-dd.");
            }
            days.Add(new CalendarDay(date, entry.Name ?? string.Empty));
        }
        return days;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calendar year {Year} ({Source}) is provisional and must be replaced by the official State Council notice when it is published: {Note}")]
    private partial void LogProvisional(int year, string source, string note);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar year {Year}: operator file {Source} replaces the shipped {Shipped}")]
    private partial void LogOverride(int year, string source, string shipped);

    [LoggerMessage(Level = LogLevel.Error, Message = "The calendar for the current year {Year} is not loaded; every deadline in {Year} will fail until its file is added to Calendar:Directory")]
    private partial void LogCurrentYearMissing(int year);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The calendar for next year {Year} is not loaded; deadlines that reach into {Year} will fail until its file is added to Calendar:Directory")]
    private partial void LogNextYearMissing(int year);

    [LoggerMessage(Level = LogLevel.Information, Message = "Working-day calendar loaded for years {Years}")]
    private partial void LogLoaded(string years);

    private sealed class YearFile
    {
        public int? Year { get; set; }

        public bool? Provisional { get; set; }

        public string? Note { get; set; }

        public string? Notice { get; set; }

        public List<DayEntry?>? Holidays { get; set; }

        public List<DayEntry?>? MakeUpWorkingDays { get; set; }
    }

    private sealed class DayEntry
    {
        public string? Date { get; set; }

        public string? Name { get; set; }
    }
}
