using System.Globalization;
using Platform.BuildingBlocks.Auth;
using Platform.Inspection.Module.Features.Clues;

namespace Platform.Inspection.Module.Features.TriageClue;

/// <summary>Clue triage by the office: to a mission, to a unit, or closed with a reason.</summary>
public sealed class TriageClueHandler(InspectionDbContext db, InspectionAccess access, ClueLoader clues)
{
    private const string AssignToMission = "assign_to_mission";
    private const string AssignToUnit = "assign_to_unit";
    private const string Close = "close";

    private static readonly IReadOnlyDictionary<string, string> Actions = MissionKinds.Map(AssignToMission, AssignToUnit, Close);

    public async Task<Contracts.Inspection.V1.Clue> HandleAsync(TriageClueRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        validator.Id("clue_id", request.ClueId);
        var action = validator.OneOf("action", request.Action, Actions);
        Guid missionId = default, unitId = default;
        string unitName = string.Empty, reason = string.Empty;
        switch (action)
        {
            case AssignToMission:
                missionId = validator.Id("mission_id", request.MissionId);
                break;
            case AssignToUnit:
                unitId = validator.Id("unit_id", request.UnitId);
                unitName = validator.Name("unit_name", request.UnitName, 200);
                break;
            case Close:
                reason = validator.Required("reason", request.Reason, 2000);
                break;
        }
        validator.ThrowIfInvalid();

        var clue = await clues.LoadAsync(request.ClueId, tracked: true, cancellationToken);
        var stamp = access.Now();
        switch (action)
        {
            case AssignToMission:
                var mission = await db.Missions.AsNoTracking().Where(m => m.Id == missionId).Select(m => new { m.State }).SingleOrDefaultAsync(cancellationToken)
                    ?? throw new ValidationException("mission_id", $"mission {missionId} does not exist on this node");
                if (mission.State == MissionStates.Closed)
                {
                    throw new PreconditionFailedException("The mission is closed; assign the clue to an open mission.");
                }
                clue.AssignToMission(missionId, stamp);
                break;
            case AssignToUnit:
                clue.AssignToUnit(unitId, unitName, stamp);
                break;
            default:
                clue.Close(reason, stamp);
                break;
        }
        await db.SaveChangesAsync(cancellationToken);
        return clue.ToProto();
    }
}
