using Platform.Inspection.Module.Features.Missions;

namespace Platform.Inspection.Module.Features.ListMissions;

/// <summary>Missions the caller may see: all for the office and observers, their own for inspectors, notified ones targeting it for a unit.</summary>
public sealed class ListMissionsHandler(InspectionDbContext db, InspectionAccess access, MissionLoader missions)
{
    public async Task<ListMissionsResponse> HandleAsync(ListMissionsRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        int? year = request.Year == 0 ? null : validator.Range("year", request.Year, 2000, 2100);
        var kind = string.IsNullOrEmpty(request.Kind) ? null : validator.OneOf("kind", request.Kind, MissionKinds.All);
        var state = string.IsNullOrEmpty(request.State) ? null : validator.OneOf("state", request.State, MissionStates.All);
        validator.ThrowIfInvalid();

        var query = db.Missions.AsNoTracking().WhereIf(year, y => m => m.Year == y);
        query = kind is null ? query : query.Where(m => m.Kind == kind);
        query = state is null ? query : query.Where(m => m.State == state);
        if (!access.SeesEverything)
        {
            var caller = access.Caller;
            var unitId = access.IsUnitCaller ? caller.UnitId : null;
            query = query.Where(m => m.Team.Any(t => t.UserId == caller.Id)
                || (unitId != null && m.State != MissionStates.Planned && m.Targets.Any(t => t.UnitId == unitId)));
        }
        var (rows, next) = await query.OrderByDescending(m => m.Id).ToPageAsync(page, cancellationToken);
        var response = new ListMissionsResponse { NextPageToken = next };
        response.Missions.AddRange(rows.Select(missions.ForCaller));
        return response;
    }
}
