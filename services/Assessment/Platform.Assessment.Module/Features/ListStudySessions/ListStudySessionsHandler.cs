using Platform.Assessment.Module.Features.Indicators;
using Platform.Assessment.Module.Features.Qualification;

namespace Platform.Assessment.Module.Features.ListStudySessions;

/// <summary>A year's study sessions by date: the office and observers every unit's, a unit its own.</summary>
public sealed class ListStudySessionsHandler(AssessmentDbContext db, AssessmentAccess access)
{
    public async Task<ListStudySessionsResponse> HandleAsync(ListStudySessionsRequest request, CancellationToken cancellationToken)
    {
        access.RequirePeopleReader();
        var validator = new RequestValidator();
        IndicatorYears.Check(validator, request.Year);
        Guid? requested = request.UnitId.Length == 0 ? null : validator.Id("unit_id", request.UnitId);
        validator.ThrowIfInvalid();
        var unitId = access.VisibleUnitFilter(requested);
        var (from, to) = (new DateOnly(request.Year, 1, 1), new DateOnly(request.Year, 12, 31));
        var query = db.StudySessions.AsNoTracking().Where(s => s.Date >= from && s.Date <= to);
        if (unitId is { } unit)
        {
            query = query.Where(s => s.UnitId == unit);
        }
        var sessions = await query.OrderBy(s => s.Date).ThenBy(s => s.Id).Take(5000).ToListAsync(cancellationToken);
        var response = new ListStudySessionsResponse();
        response.Sessions.AddRange(sessions.Select(s => s.ToProto()));
        return response;
    }
}
