namespace Platform.Inspection.Module.Features.ListFeedback;

/// <summary>Feedback given, for the office, observers and the unit it was given to (its own only).</summary>
public sealed class ListFeedbackHandler(InspectionDbContext db, InspectionAccess access)
{
    public async Task<ListFeedbackResponse> HandleAsync(ListFeedbackRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        Guid? missionId = string.IsNullOrEmpty(request.MissionId) ? null : validator.Id("mission_id", request.MissionId);
        Guid? unitId = string.IsNullOrEmpty(request.UnitId) ? null : validator.Id("unit_id", request.UnitId);
        validator.ThrowIfInvalid();
        if (!access.SeesEverything && !access.IsUnitCaller)
        {
            throw new PermissionDeniedException("Feedback is read by the office, observers and the unit it was given to.");
        }
        unitId = access.VisibleUnitFilter(unitId);

        var rows = await db.Feedback.AsNoTracking()
            .WhereIf(missionId, m => f => f.MissionId == m)
            .WhereIf(unitId, u => f => f.UnitId == u)
            .OrderByDescending(f => f.Id)
            .Join(db.Missions, f => f.MissionId, m => m.Id, (f, m) => new { Feedback = f, m.State })
            .ToPageAsync(page, cancellationToken);
        var response = new ListFeedbackResponse { NextPageToken = rows.NextPageToken };
        response.Feedback.AddRange(rows.Items.Select(r => r.Feedback.ToProto(r.State)));
        return response;
    }
}
