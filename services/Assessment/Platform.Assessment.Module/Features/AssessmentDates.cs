using Platform.BuildingBlocks.Kernel.Time;

namespace Platform.Assessment.Module.Features;

/// <summary>
/// How far ahead a date of assessment may lie, one rule for every request. What is recorded because it took place (an
/// exam, a training class, a credential issued) may not be after today, with one day's grace for a clerk working across
/// midnight or ahead of China time. What is announced ahead (an appointment, a transfer, leaving, a suspension or a
/// revocation from a set day) may lie up to a year ahead; further ahead is a mistyped year (2099), not a decision.
/// Nothing lies before its earliest plausible day either: a record (a study session, class, exam, credential) not before
/// <see cref="EarliestRecord"/>, a person's term or change not before <see cref="EarliestTerm"/> (0001-01-01 or 1900 is a
/// mistyped year, and the year lists could never show it).
/// </summary>
public static class AssessmentDates
{
    /// <summary>The grace for something that took place.</summary>
    public const int GraceDays = 1;

    /// <summary>How far ahead an announced date may lie.</summary>
    public const int AnnouncedYearsAhead = 1;

    /// <summary>The earliest day of a record (study session, training class, exam, credential, suspension, revocation): the first year the year lists and indicator systems cover.</summary>
    public static readonly DateOnly EarliestRecord = new(2000, 1, 1);

    /// <summary>The earliest day of a person's term or change of post: the current term of someone serving does not start before 1980.</summary>
    public static readonly DateOnly EarliestTerm = new(1980, 1, 1);

    /// <summary>How far ahead a term may be set to end (a term is five years; further is a mistyped year, 9999).</summary>
    public const int TermEndYearsAhead = 10;

    /// <summary>A date not before <paramref name="earliest"/> (unless the field is refused already: not a date at all).</summary>
    public static void NotBefore(RequestValidator validator, string field, DateOnly? date, DateOnly earliest)
    {
        if (date < earliest && !validator.Violations.Any(v => v.Field == field))
        {
            validator.Add(field, $"is {date.Value.ToChinese()}, before {earliest.ToChinese()}, the earliest accepted");
        }
    }

    /// <summary>The end of a person's term: not before <see cref="EarliestTerm"/>, at most <see cref="TermEndYearsAhead"/> years after today.</summary>
    public static void TermEnd(RequestValidator validator, string field, DateOnly? date, DateOnly today)
    {
        NotBefore(validator, field, date, EarliestTerm);
        var latest = today.AddYears(TermEndYearsAhead);
        if (date > latest)
        {
            validator.Add(field, $"is {date.Value.ToChinese()}, more than {TermEndYearsAhead} years ahead; the latest accepted is {latest.ToChinese()}");
        }
    }

    /// <summary>A date of something that took place: not before <see cref="EarliestRecord"/>, not after today (China time) plus the grace.</summary>
    public static void TookPlace(RequestValidator validator, string field, DateOnly date, DateOnly today)
    {
        NotBefore(validator, field, date, EarliestRecord);
        if (date > today.AddDays(GraceDays))
        {
            validator.Add(field, $"is {date:yyyy-MM-dd}, after today ({today:yyyy-MM-dd}); record it once it took place");
        }
    }

    /// <summary>A date announced ahead: at most a year after today (China time), not before <paramref name="earliest"/> (<see cref="EarliestRecord"/> unless given).</summary>
    public static void Announced(RequestValidator validator, string field, DateOnly? date, DateOnly today, DateOnly? earliest = null)
    {
        NotBefore(validator, field, date, earliest ?? EarliestRecord);
        var latest = today.AddYears(AnnouncedYearsAhead);
        if (date > latest)
        {
            validator.Add(field, $"is {date:yyyy-MM-dd}, more than a year ahead; the latest accepted is {latest:yyyy-MM-dd}");
        }
    }
}
