namespace Platform.Inspection.Module.Features.Missions;

/// <summary>A mission the caller may see, and the view of it the caller gets; shared by the mission, finding and questionnaire handlers.</summary>
public sealed class MissionLoader(InspectionDbContext db, InspectionAccess access)
{
    /// <summary>Loads a mission the caller may see; one it may not see answers NotFound, as if it did not exist.</summary>
    internal async Task<Domain.Mission> LoadVisibleAsync(string field, string? value, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var id = validator.Id(field, value);
        validator.ThrowIfInvalid();
        var mission = await db.Missions.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (mission is null || !access.CanSee(mission))
        {
            throw new NotFoundException($"Mission {id} does not exist on this node.");
        }
        return mission;
    }

    /// <summary>A mission the office acts on, tracked for the change.</summary>
    internal async Task<Domain.Mission> LoadAsync(Guid missionId, CancellationToken cancellationToken) =>
        await db.Missions.SingleOrDefaultAsync(m => m.Id == missionId, cancellationToken)
            ?? throw new NotFoundException($"Mission {missionId} does not exist on this node.");

    /// <summary>The whole mission for the office, observers and its team; a target unit's view for a unit.</summary>
    internal Contracts.Inspection.V1.Mission ForCaller(Domain.Mission mission) =>
        access.SeesEverything || !access.IsUnitCaller || mission.IsOnTeam(access.Caller.Id)
            ? mission.ToProto()
            : mission.ToProtoForUnit(access.Caller.UnitId!.Value);
}
