using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Calendar;
using Platform.BuildingBlocks.Grpc;
using KeptUpdates = Platform.BuildingBlocks.Calendar.CalendarUpdates;
using Kernel = Platform.BuildingBlocks.Kernel.Calendar;
using Platform.BuildingBlocks.Node;
using Platform.Planning.Module.Features.Federation;
using Wire = Platform.Contracts.Events.Federation;

namespace Platform.Planning.Module.Features.CalendarUpdates;

/// <summary>
/// The office issues a year's working-day calendar (ADR 0024): it applies here at once, and the node's edge sends it to
/// the children named (every child not revoked when none is), which relay it to theirs. The row and its
/// <see cref="Wire.CalendarUpdateIssued"/> commit with one save.
/// </summary>
public sealed class IssueCalendarUpdateHandler(PlanningDbContext db, PlanningAccess access, IOptions<NodeOptions> node, WorkingDayCalendarSource calendar)
{
    public async Task<CalendarUpdate> HandleAsync(IssueCalendarUpdateRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var year = validator.Range("year", request.Year, CalendarYearMin, CalendarYearMax);
        var holidays = Days(validator, "holidays", request.Holidays);
        var makeUps = Days(validator, "make_up_working_days", request.MakeUpWorkingDays);
        var notice = validator.Optional("notice", request.Notice, 200);
        ChildNodeChecks.CheckFormat(validator, request.ChildNodeIds);
        validator.ThrowIfInvalid();
        if (holidays.Count == 0)
        {
            throw new ValidationException("holidays", "list at least one holiday of the year (the State Council's arrangement)");
        }
        try
        {
            // The calendar's own checks: every day in the year, named, listed once, a make-up day on a weekend.
            _ = new Kernel.CalendarYear(year, [.. holidays.Select(d => new Kernel.CalendarDay(d.Date, d.Name))], [.. makeUps.Select(d => new Kernel.CalendarDay(d.Date, d.Name))]);
        }
        catch (Kernel.CalendarDataException ex)
        {
            throw new ValidationException(FieldOf(ex.Field), ex.Message[(ex.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
        }
        await ChildNodeChecks.RequireChildrenAsync(db, request.ChildNodeIds, "sent", cancellationToken);

        var stamp = access.Now();
        var version = await db.CalendarUpdates.Where(u => u.IssuerNodeId == stamp.NodeId).MaxAsync(u => (long?)u.Version, cancellationToken) ?? 0;
        var update = new Wire.CalendarUpdate(
            Guid.NewGuid(), stamp.NodeId, node.Value.Level.ToString().ToLowerInvariant(), version + 1, year, holidays, makeUps, notice, stamp.At);
        var childNodeIds = request.ChildNodeIds.Distinct(StringComparer.Ordinal).ToList();
        var record = CalendarUpdateRecord.From(update, null, childNodeIds, stamp.At);
        db.CalendarUpdates.Add(record);
        db.AddIntegrationEvent(new Wire.CalendarUpdateIssued(update, childNodeIds, stamp.At, stamp.NodeId));
        await db.SaveChangesAsync(cancellationToken);
        await KeptUpdates.RefreshAsync(db, calendar, cancellationToken);
        var inForce = KeptUpdates.InForce(await db.CalendarUpdates.AsNoTracking().Where(u => u.Year == year).ToListAsync(cancellationToken));
        return CalendarUpdateRows.ToProto(record, inForce.Any(u => u.Id == record.Id));
    }

    private const int CalendarYearMin = 2000;

    private const int CalendarYearMax = 2100;

    private static List<Wire.CalendarUpdateDay> Days(RequestValidator validator, string field, IEnumerable<CalendarDay> days) =>
        [.. days.Select((d, i) => new Wire.CalendarUpdateDay(validator.Date($"{field}[{i}].date", d.Date), validator.Required($"{field}[{i}].name", d.Name, 50)))];

    /// <summary>The calendar's field names (its JSON file's) as the request's.</summary>
    private static string FieldOf(string calendarField) => calendarField.Replace("makeUpWorkingDays", "make_up_working_days", StringComparison.Ordinal);
}

/// <summary>The updates issued here and received from above, newest first, each saying whether it is in force for its year.</summary>
public sealed class ListCalendarUpdatesHandler(PlanningDbContext db, PlanningAccess access)
{
    public async Task<ListCalendarUpdatesResponse> HandleAsync(ListCalendarUpdatesRequest request, CancellationToken cancellationToken)
    {
        access.RequireNodeWideReader("Calendar updates");
        var validator = new RequestValidator();
        if (request.Year != 0)
        {
            validator.Range("year", request.Year, 2000, 2100);
        }
        validator.ThrowIfInvalid();
        var rows = await db.CalendarUpdates.AsNoTracking().Where(u => request.Year == 0 || u.Year == request.Year).ToListAsync(cancellationToken);
        var inForce = KeptUpdates.InForce(rows).Select(u => u.Id).ToHashSet();
        var response = new ListCalendarUpdatesResponse();
        response.Updates.AddRange(rows.OrderByDescending(u => u.ReceivedAt).ThenByDescending(u => u.Version).Select(u => CalendarUpdateRows.ToProto(u, inForce.Contains(u.Id))));
        return response;
    }
}

internal static class CalendarUpdateRows
{
    public static CalendarUpdate ToProto(CalendarUpdateRecord u, bool inForce) => new()
    {
        Id = u.Id.ToString(),
        IssuerNodeId = u.IssuerNodeId,
        IssuerLevel = u.IssuerLevel,
        Version = u.Version,
        Year = u.Year,
        Holidays = { u.HolidayDays.Select(ToProto) },
        MakeUpWorkingDays = { u.MakeUpDays.Select(ToProto) },
        Notice = u.Notice ?? string.Empty,
        IssuedAt = u.IssuedAt.ToWire(),
        SenderNodeId = u.SenderNodeId ?? string.Empty,
        ReceivedAt = u.ReceivedAt.ToWire(),
        ChildNodeIds = { u.ChildNodeIds },
        InForce = inForce,
    };

    private static CalendarDay ToProto(Wire.CalendarUpdateDay d) => new() { Date = d.Date.ToWire(), Name = d.Name };
}
