using System.Globalization;

namespace Platform.BuildingBlocks.Grpc;

/// <summary>Dates as Chinese official documents and messages write them: 2026年12月31日.</summary>
public static class ChineseDates
{
    public static string ToChinese(this DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");
}
