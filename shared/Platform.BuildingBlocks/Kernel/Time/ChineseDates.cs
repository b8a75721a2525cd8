using System.Globalization;

namespace Platform.BuildingBlocks.Kernel.Time;

/// <summary>Dates as Chinese official documents and messages write them: 2026年12月31日.</summary>
public static class ChineseDates
{
    public static string ToChinese(this DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");
}

/// <summary>Deadlines are calendar dates in China Standard Time (UTC+8, no daylight saving).</summary>
public static class ChinaTime
{
    // China has kept UTC+8 without daylight saving since 1991; a fixed offset needs no time zone data on the server.
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly TodayInChina(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Offset).DateTime);

    public static DateOnly DateInChina(this DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);
}
