using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Calendar;
using Platform.BuildingBlocks.Grpc;
using KeptUpdates = Platform.BuildingBlocks.Calendar.CalendarUpdates;
using Kernel = Platform.BuildingBlocks.Kernel.Calendar;
using Platform.BuildingBlocks.Node;
using Platform.Planning.Module.Features.Federation;
using Wire = Platform.Contracts.Events.Federation;
using Platform.Planning.Module.Features.CalendarUpdates;

namespace Platform.Planning.Module.Features.ListCalendarUpdates;

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
