using Platform.Inspection.Module.Features.Missions;

namespace Platform.Inspection.Module.Features.TransitionMission;

/// <summary>Moving a mission through its states; notifying it announces it to its targets.</summary>
public sealed class TransitionMissionHandler(InspectionDbContext db, InspectionAccess access, MissionLoader missions)
{
    public async Task<Contracts.Inspection.V1.Mission> HandleAsync(TransitionMissionRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var missionId = validator.Id("mission_id", request.MissionId);
        var next = validator.OneOf("to_state", request.ToState, MissionStates.All);
        validator.ThrowIfInvalid();

        var mission = await missions.LoadAsync(missionId, cancellationToken);
        if (next == MissionStates.FeedbackGiven)
        {
            await RequireFeedbackForEveryUnitWithFindingsAsync(mission, cancellationToken);
        }
        var stamp = access.Now();
        mission.MoveTo(next, stamp);
        await db.SaveChangesAsync(cancellationToken);
        return mission.ToProto();
    }

    private async Task RequireFeedbackForEveryUnitWithFindingsAsync(Domain.Mission mission, CancellationToken cancellationToken)
    {
        var unitsWithFindings = await db.Findings.Where(f => f.MissionId == mission.Id).Select(f => f.ResponsibleUnitId).Distinct().ToListAsync(cancellationToken);
        var waiting = mission.Targets.Where(t => t.FeedbackId is null && unitsWithFindings.Contains(t.UnitId)).Select(t => t.UnitName).ToList();
        if (waiting.Count > 0)
        {
            throw new PreconditionFailedException($"Mission is {mission.State}; feedback is still to be given to: {string.Join(", ", waiting)}.");
        }
    }
}
