using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Planning.Module.Features.ImportPlanDocument;

/// <summary>
/// A completion date a notice writes into a task's own text (2026年6月底前, 于9月30日前完成): the importer takes it as the
/// task's deadline instead of the year's end. Where a task names several stages, the latest date is the completion.
/// </summary>
public static partial class TaskDeadlineText
{
    /// <summary>The latest date in or after <paramref name="year"/> that the text sets as a limit (in that year unless it names one); null when none.</summary>
    public static DateOnly? Find(string text, int year)
    {
        ArgumentNullException.ThrowIfNull(text);
        DateOnly? latest = null;
        foreach (Match match in Limit().Matches(text))
        {
            var inYear = match.Groups["year"].Success ? int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture) : year;
            DateOnly? date = match.Groups["yearEnd"].Success
                ? new DateOnly(inYear, 12, 31)
                : Date(inYear, match.Groups["month"].Value, match.Groups["day"].Success ? match.Groups["day"].Value : null);
            // A date before the plan's year is the scope of the work (清理2025年12月31日前出台的文件), not its limit.
            if (date is { } found && found.Year >= year && (latest is null || found > latest))
            {
                latest = found;
            }
        }
        return latest;
    }

    /// <summary>A month's end (月底) or a day of it; null for a date that does not exist (2月30日).</summary>
    private static DateOnly? Date(int year, string monthText, string? dayText)
    {
        var month = int.Parse(monthText, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2100 || month is < 1 or > 12)
        {
            return null;
        }
        if (dayText is null)
        {
            return new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        }
        var day = int.Parse(dayText, CultureInfo.InvariantCulture);
        return day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    // A limit is a date followed by 前 (之前, 以前) or a month's end (月底, 月末) followed by 前 or 完成:
    // "6月底前", "2026年9月30日前", "于12月31日之前完成", "年底前". A date alone (2026年3月召开) is not a limit.
    [GeneratedRegex(
        @"(?:(?<year>20\d{2})年)?(?:(?<yearEnd>(?<=年)[底末]|年[底末])|(?<month>1[0-2]|0?[1-9])月(?:(?<end>底|末)|(?<day>3[01]|[12]\d|0?[1-9])[日号]))(?:之前|以前|前|(?(end)(?:完成|止)|(?!)))",
        RegexOptions.CultureInvariant)]
    private static partial Regex Limit();
}
