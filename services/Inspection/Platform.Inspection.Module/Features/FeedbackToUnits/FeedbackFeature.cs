using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Events.Inspection;
using Platform.Contracts.Inspection.V1;
using Platform.Inspection.Module.Domain;
using Platform.Inspection.Module.Infrastructure;

namespace Platform.Inspection.Module.Features.FeedbackToUnits;

/// <summary>
/// Feedback (反馈), one unit at a time: the unit's own findings go to it, and to nobody else
/// (点对点、背靠背). The FeedbackGiven event carries that unit's findings only and starts rectification.
/// The mission moves to feedback_given by TransitionMission once every target with findings has had its feedback.
/// </summary>
public sealed class FeedbackFeature(InspectionDbContext db, InspectionAccess access)
{
    public async Task<Contracts.Inspection.V1.Feedback> GiveAsync(GiveFeedbackRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var missionId = validator.Id("mission_id", request.MissionId);
        var unitId = validator.Id("unit_id", request.UnitId);
        var note = validator.Optional("note", request.Note, 4000) ?? string.Empty;
        validator.ThrowIfInvalid();

        var mission = await db.Missions.SingleOrDefaultAsync(m => m.Id == missionId, cancellationToken)
            ?? throw new NotFoundException($"Mission {missionId} does not exist on this node.");
        var target = mission.TargetFor(unitId) ?? throw new ValidationException("unit_id", "must be one of the mission's targets");
        var findings = await db.Findings.Where(f => f.MissionId == missionId && f.ResponsibleUnitId == unitId)
            .OrderBy(f => f.Id).ToListAsync(cancellationToken);

        var stamp = access.Now();
        var feedback = Domain.Feedback.Give(mission, target, findings, note, stamp);
        db.Feedback.Add(feedback);
        db.AddIntegrationEvent(new FeedbackGiven(
            feedback.Id, mission.Id, mission.Title, mission.Kind, target.UnitId, target.UnitName,
            findings.Select(f => new FedBackFinding(f.Id, f.Title, f.Description, f.Location, f.Category, f.Severity)).ToList(),
            stamp.UserId, stamp.At, stamp.NodeId)
        {
            UnitRegionCode = target.RegionCode,
            MissionTeam = [.. mission.Team.Select(t => t.UserId).Distinct()],
        });
        // The mission's version guards it: a concurrent feedback or transition fails as Aborted.
        await db.SaveChangesAsync(cancellationToken);
        return feedback.ToProto(mission.State);
    }

    public async Task<ListFeedbackResponse> ListAsync(ListFeedbackRequest request, CancellationToken cancellationToken)
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
