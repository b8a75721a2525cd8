using Platform.Inspection.Module.Features.Missions;

namespace Platform.Inspection.Module.Features.GiveFeedback;

/// <summary>
/// Feedback (反馈), one unit at a time: the unit's own findings go to it, and to nobody else
/// (点对点、背靠背). The FeedbackGiven event carries that unit's findings only and starts rectification.
/// The mission moves to feedback_given by TransitionMission once every target with findings has had its feedback.
/// </summary>
public sealed class GiveFeedbackHandler(InspectionDbContext db, InspectionAccess access, MissionLoader missions)
{
    public async Task<Contracts.Inspection.V1.Feedback> HandleAsync(GiveFeedbackRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var missionId = validator.Id("mission_id", request.MissionId);
        var unitId = validator.Id("unit_id", request.UnitId);
        var note = validator.Optional("note", request.Note, 4000) ?? string.Empty;
        validator.ThrowIfInvalid();

        var mission = await missions.LoadAsync(missionId, cancellationToken);
        var target = mission.TargetFor(unitId) ?? throw new ValidationException("unit_id", "must be one of the mission's targets");
        var findings = await db.Findings.Where(f => f.MissionId == missionId && f.ResponsibleUnitId == unitId)
            .OrderBy(f => f.Id).ToListAsync(cancellationToken);

        var stamp = access.Now();
        var feedback = Domain.Feedback.Give(mission, target, findings, note, stamp);
        db.Feedback.Add(feedback);
        // The mission's version guards it: a concurrent feedback or transition fails as Aborted.
        await db.SaveChangesAsync(cancellationToken);
        return feedback.ToProto(mission.State);
    }
}
