namespace Platform.Assessment.Module.Features.ListAssessmentUnits;

/// <summary>The node's units as assessment knows them from planning's events: what people and rosters can name.</summary>
public sealed class ListAssessmentUnitsHandler(AssessmentDbContext db, AssessmentAccess access)
{
    public async Task<ListAssessmentUnitsResponse> HandleAsync(ListAssessmentUnitsRequest request, CancellationToken cancellationToken)
    {
        access.RequireUnitReader();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        validator.ThrowIfInvalid();
        var (units, next) = await db.Units.AsNoTracking().OrderBy(u => u.Name).ThenBy(u => u.Id).ToPageAsync(page, cancellationToken);
        var response = new ListAssessmentUnitsResponse { NextPageToken = next };
        response.Units.AddRange(units.Select(u => u.ToProto()));
        return response;
    }
}
