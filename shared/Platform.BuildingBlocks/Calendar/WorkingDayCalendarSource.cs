using Platform.BuildingBlocks.Federation;
using Platform.BuildingBlocks.Kernel.Calendar;

namespace Platform.BuildingBlocks.Calendar;

/// <summary>
/// The working-day calendar in force at this node, which calendar updates from above change while the node runs
/// (ADR 0024). Built from the shipped years, the operator's folder (<see cref="CalendarOptions.Directory"/>) and the
/// years the updates in force give. <see cref="Current"/> is an immutable <see cref="WorkingDayCalendar"/> swapped as a
/// whole, so a deadline is computed on one calendar from start to end.
/// </summary>
public sealed class WorkingDayCalendarSource
{
    private readonly IReadOnlyDictionary<int, CalendarYear> shipped;
    private readonly IReadOnlyDictionary<int, CalendarYear> local;
    private readonly UpdatesSeen<CalendarUpdateRecord> seen = new();
    private volatile WorkingDayCalendar current;

    public WorkingDayCalendarSource(IEnumerable<CalendarYear> shipped, IEnumerable<CalendarYear> local)
    {
        this.shipped = shipped.ToDictionary(y => y.Year);
        this.local = local.ToDictionary(y => y.Year);
        current = Build(new Dictionary<int, CalendarYear>());
    }

    public WorkingDayCalendar Current => current;

    /// <summary>
    /// Joins <paramref name="updates"/> to the updates this source has seen and applies the ones in force
    /// (<see cref="CalendarUpdates.InForce"/>). What a source has seen only grows (<see cref="UpdatesSeen{T}"/>).
    /// </summary>
    public void Merge(IEnumerable<CalendarUpdateRecord> updates) =>
        seen.Merge(updates, known => Apply(CalendarUpdates.InForce(known).Select(u => u.ToYear())));

    /// <summary>Makes <paramref name="fromUpdates"/> (at most one year each: the updates in force) part of the calendar.</summary>
    private void Apply(IEnumerable<CalendarYear> fromUpdates) => current = Build(fromUpdates.ToDictionary(y => y.Year));

    /// <summary>
    /// Which data a year follows. The operator's file is what this node's office set for itself and wins, unless it is
    /// provisional (a guess waiting for the official notice): then an update from above, which carries the notice, wins.
    /// An update wins over the data shipped with the release.
    /// </summary>
    public static CalendarYear? Choose(CalendarYear? shippedYear, CalendarYear? localYear, CalendarYear? updateYear) =>
        localYear is { Provisional: false } ? localYear
        : updateYear ?? localYear ?? shippedYear;

    private WorkingDayCalendar Build(IReadOnlyDictionary<int, CalendarYear> updates)
    {
        var years = shipped.Keys.Union(local.Keys).Union(updates.Keys)
            .Select(y => Choose(shipped.GetValueOrDefault(y), local.GetValueOrDefault(y), updates.GetValueOrDefault(y))!)
            .ToList();
        return new WorkingDayCalendar(years);
    }
}
