using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Calendar;
using Platform.BuildingBlocks.Grpc;
using KeptUpdates = Platform.BuildingBlocks.Calendar.CalendarUpdates;
using Kernel = Platform.BuildingBlocks.Kernel.Calendar;
using Platform.BuildingBlocks.Node;
using Platform.Planning.Module.Features.Federation;
using Wire = Platform.Contracts.Events.Federation;
using Platform.Planning.Module.Features.CalendarUpdates;

namespace Platform.Planning.Module.Features.IssueCalendarUpdate;

/// <summary>
/// The office issues a year's working-day calendar (ADR 0024): it applies here at once, and the node's edge sends it to
/// the children named (every child not revoked when none is), which relay it to theirs. The row and its
/// <see cref="Platform.Contracts.Events.Planning.CalendarUpdateIssued"/> commit with one save.
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
        var named = await ChildNodeChecks.RequireChildrenAsync(db, request.ChildNodeIds, "sent", cancellationToken);

        var issuer = await UpdateIssuer.NextAsync(db.CalendarUpdates, access, node.Value, named, cancellationToken);
        var update = new Wire.CalendarUpdate(issuer.UpdateId, issuer.NodeId, issuer.Level, issuer.Version, year, holidays, makeUps, notice, issuer.At);
        var record = CalendarUpdateRecord.From(update, null, issuer.ChildNodeIds, issuer.At);
        db.CalendarUpdates.Add(record);
        db.AddIntegrationEvent(new Platform.Contracts.Events.Planning.CalendarUpdateIssued(update, issuer.ChildNodeIds, issuer.At, issuer.NodeId));
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
