namespace Platform.Contracts.Events.Federation;

/// <summary>One named day of a calendar update: a public holiday or a make-up working day (调休上班).</summary>
public sealed record CalendarUpdateDay(DateOnly Date, string Name);

/// <summary>
/// A working-day calendar for one year as an office issued it for the nodes below it (ADR 0024): the State Council's
/// holidays and make-up working days, under the issuing node's id, level and a version that only grows per issuer.
/// </summary>
public sealed record CalendarUpdate(
    Guid UpdateId,
    string IssuerNodeId,
    string IssuerLevel,
    long Version,
    int Year,
    IReadOnlyList<CalendarUpdateDay> Holidays,
    IReadOnlyList<CalendarUpdateDay> MakeUpWorkingDays,
    string? Notice,
    DateTimeOffset IssuedAt);

/// <summary>A calendar update came from above (the parent, or relayed by it from higher up); raised by the federation edge.</summary>
[WireName("federation.calendar_update_received.v1")]
public sealed record CalendarUpdateReceived(
    string SenderNodeId, CalendarUpdate Update, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;
