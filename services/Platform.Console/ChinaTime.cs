using System.Globalization;

namespace Platform.WebConsole;

/// <summary>Dates and times as an office reads them: China time, 24-hour clock, 公文-style dates (2026年12月31日).</summary>
public static class ChinaTime
{
    private static readonly TimeZoneInfo Zone = FindZone();

    /// <summary>"2026-12-31" → "2026年12月31日"; an empty or unreadable value as given.</summary>
    public static string Date(string? isoDate)
    {
        if (string.IsNullOrWhiteSpace(isoDate))
        {
            return "";
        }
        if (DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return Date(date);
        }
        return DateTimeOffset.TryParse(isoDate, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? Date(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime))
            : isoDate;
    }

    public static string Date(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>An instant as the API writes it (RFC 3339), or null when empty or unreadable.</summary>
    public static DateTimeOffset? Instant(string? instant) =>
        DateTimeOffset.TryParse(instant, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null;

    /// <summary>An instant (RFC 3339) → "2026年3月5日 14:07" in China time.</summary>
    public static string DateTime(string? instant) =>
        Instant(instant) is { } value ? DateTime(value) : instant ?? "";

    public static string DateTime(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        return $"{Date(DateOnly.FromDateTime(local.DateTime))} {local:HH:mm}";
    }

    /// <summary>Today in China.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone).DateTime);

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            // China has kept UTC+8 without daylight saving since 1991.
            return TimeZoneInfo.CreateCustomTimeZone("China", TimeSpan.FromHours(8), "China", "China");
        }
    }
}
