using Platform.BuildingBlocks.Kernel.Time;

namespace Platform.Assessment.Module.Domain;

/// <summary>
/// Which unit and post a person holds on a given day, read from their history. A change takes effect on its date: a
/// transfer or leaving recorded ahead (announced for a later day) changes nothing before that day. Leaving on a day
/// means the person no longer serves from that day on. Every question of the kind "which unit is this person in" asks
/// it for a date: today for who may see the person, the session's date for who attended it, the campaign's reference
/// date for the roster.
/// </summary>
public static class PersonTimeline
{
    /// <summary>The history in the order the changes take effect: by date, then in the order they were recorded.</summary>
    public static List<PersonChange> InOrder(IEnumerable<PersonChange> history) =>
        [.. history.OrderBy(c => c.Date).ThenBy(c => c.Recorded.At).ThenBy(c => c.Id)];

    /// <summary>The change in effect on <paramref name="date"/>: the latest dated on or before it; null before the appointment takes effect.</summary>
    public static PersonChange? InEffect(IEnumerable<PersonChange> history, DateOnly date) =>
        InOrder(history).LastOrDefault(c => c.Date <= date);

    /// <summary>
    /// The unit a person belongs to on <paramref name="date"/>, for who may see them: that of the change in effect (for
    /// someone who left, the unit they left); before their appointment takes effect, the unit it names.
    /// </summary>
    public static Guid UnitOn(IEnumerable<PersonChange> history, DateOnly date)
    {
        var ordered = InOrder(history);
        return (ordered.LastOrDefault(c => c.Date <= date) ?? ordered[0]).UnitId;
    }

    /// <summary>Whether the person serves on <paramref name="date"/> (appointed by then, not left), in <paramref name="unitId"/> when given.</summary>
    public static bool Serves(IEnumerable<PersonChange> history, DateOnly date, Guid? unitId = null) =>
        InEffect(history, date) is { Kind: not PersonChangeKind.Left } change && (unitId is null || change.UnitId == unitId);

    /// <summary>
    /// Changes are recorded in the order they take effect: one dated before the latest change of the history (a transfer
    /// dated before a later update, an update dated before a transfer recorded ahead) would rewrite what is on file.
    /// </summary>
    public static void RequireInOrder(IEnumerable<PersonChange> history, DateOnly date, string field = "date")
    {
        var latest = history.Select(c => c.Date).DefaultIfEmpty(DateOnly.MinValue).Max();
        if (date < latest)
        {
            throw new ValidationException(field,
                $"is {date.ToChinese()}, before the person's latest change, dated {latest.ToChinese()}; changes are recorded in the order they take effect");
        }
    }
}
