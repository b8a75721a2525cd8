using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Files;
using Platform.Contracts.Events.Inspection;
using Platform.Inspection.Module.Features.Findings;
using Platform.Inspection.Module.Features.Missions;

namespace Platform.Inspection.Module.Features.ListFindings;

/// <summary>Findings the caller may see: a unit its own, fed-back ones; an inspector those of their missions.</summary>
public sealed class ListFindingsHandler(InspectionDbContext db, InspectionAccess access)
{
    public async Task<ListFindingsResponse> HandleAsync(ListFindingsRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        Guid? missionId = string.IsNullOrEmpty(request.MissionId) ? null : validator.Id("mission_id", request.MissionId);
        Guid? unitId = string.IsNullOrEmpty(request.UnitId) ? null : validator.Id("unit_id", request.UnitId);
        Guid? clueId = string.IsNullOrEmpty(request.ClueId) ? null : validator.Id("clue_id", request.ClueId);
        var severity = string.IsNullOrEmpty(request.Severity) ? null : validator.OneOf("severity", request.Severity, Severities.All);
        var category = request.Category?.Trim() is { Length: > 0 } given ? given : null;
        validator.ThrowIfInvalid();
        unitId = access.VisibleUnitFilter(unitId);

        var query = db.Findings.AsNoTracking()
            .WhereIf(missionId, m => f => f.MissionId == m)
            .WhereIf(unitId, u => f => f.ResponsibleUnitId == u)
            .WhereIf(clueId, c => f => f.ClueId == c);
        query = severity is null ? query : query.Where(f => f.Severity == severity);
        query = category is null ? query : query.Where(f => f.Category == category);
        if (!access.SeesEverything)
        {
            if (access.IsUnitCaller)
            {
                // Back to back: a unit sees its findings only once they were fed back to it.
                query = query.Where(f => f.FeedbackId != null);
            }
            else
            {
                var caller = access.Caller.Id;
                var ownMissions = db.Missions.Where(m => m.Team.Any(t => t.UserId == caller)).Select(m => m.Id);
                query = query.Where(f => ownMissions.Contains(f.MissionId));
            }
        }
        var (rows, next) = await query.Include(f => f.Evidence).OrderByDescending(f => f.Id).ToPageAsync(page, cancellationToken);
        var response = new ListFindingsResponse { NextPageToken = next };
        response.Findings.AddRange(rows.Select(f => f.ToProto()));
        return response;
    }
}
