namespace Platform.Assessment.Module.Domain;

/// <summary>
/// One thing another service reported about a unit that a derived indicator may score: a late
/// report, an overdue or escalated rectification item, a failed look-back, a finding. Kept per
/// event with the event's id and wire name, so every derived point can name where it came from.
/// Several events about one occurrence (an overdue notice and the late report of the same due
/// date) share a <see cref="Subject"/> and are scored once.
/// </summary>
public sealed class UnitFact
{
    private UnitFact()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The year of <see cref="OccurredOn"/>: the evaluation year it counts in.</summary>
    public int Year { get; private set; }

    public Guid UnitId { get; private set; }

    /// <summary>One of the indicator sources (tasks_late, findings_serious, ...).</summary>
    public string Source { get; private set; } = string.Empty;

    /// <summary>What the fact is about (an assignment and its due date, an item, a finding); one occurrence per subject.</summary>
    public string Subject { get; private set; } = string.Empty;

    /// <summary>A short text for the unit ("第3项 ...：报告逾期（应于2026-03-31）").</summary>
    public string Detail { get; private set; } = string.Empty;

    /// <summary>The message id the publishing service gave the event.</summary>
    public Guid EventId { get; private set; }

    /// <summary>The event's wire name.</summary>
    public string EventKind { get; private set; } = string.Empty;

    /// <summary>The day the event happened, China time.</summary>
    public DateOnly OccurredOn { get; private set; }

    public static UnitFact Record(Guid unitId, string source, string subject, string detail, Guid eventId, string eventKind, DateOnly occurredOn) => new()
    {
        Id = Guid.CreateVersion7(),
        Year = occurredOn.Year,
        UnitId = unitId,
        Source = source,
        Subject = subject,
        Detail = detail.Length <= 300 ? detail : detail[..300],
        EventId = eventId,
        EventKind = eventKind,
        OccurredOn = occurredOn,
    };
}
