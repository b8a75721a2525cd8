namespace Platform.Assessment.Module.Features;

/// <summary>
/// How far ahead a date of assessment may lie, one rule for every request. What is recorded because it took place (an
/// exam, a training class, a credential issued) may not be after today, with one day's grace for a clerk working across
/// midnight or ahead of China time. What is announced ahead (an appointment, a transfer, leaving, a suspension or a
/// revocation from a set day) may lie up to a year ahead; further ahead is a mistyped year (2099), not a decision.
/// </summary>
public static class AssessmentDates
{
    /// <summary>The grace for something that took place.</summary>
    public const int GraceDays = 1;

    /// <summary>How far ahead an announced date may lie.</summary>
    public const int AnnouncedYearsAhead = 1;

    /// <summary>A date of something that took place: not after today (China time) plus the grace.</summary>
    public static void TookPlace(RequestValidator validator, string field, DateOnly date, DateOnly today)
    {
        if (date > today.AddDays(GraceDays))
        {
            validator.Add(field, $"is {date:yyyy-MM-dd}, after today ({today:yyyy-MM-dd}); record it once it took place");
        }
    }

    /// <summary>A date announced ahead: at most a year after today (China time).</summary>
    public static void Announced(RequestValidator validator, string field, DateOnly? date, DateOnly today)
    {
        var latest = today.AddYears(AnnouncedYearsAhead);
        if (date > latest)
        {
            validator.Add(field, $"is {date:yyyy-MM-dd}, more than a year ahead; the latest accepted is {latest:yyyy-MM-dd}");
        }
    }
}
