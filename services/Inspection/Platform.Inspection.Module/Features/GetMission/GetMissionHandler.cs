using Platform.Inspection.Module.Features.Missions;

namespace Platform.Inspection.Module.Features.GetMission;

/// <summary>One mission, as far as the caller may see it.</summary>
public sealed class GetMissionHandler(InspectionAccess access, MissionLoader missions)
{
    public async Task<Contracts.Inspection.V1.Mission> HandleAsync(GetMissionRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var mission = await missions.LoadVisibleAsync("mission_id", request.MissionId, cancellationToken);
        return missions.ForCaller(mission);
    }
}
