using Platform.Inspection.Module.Features.Missions;
using TeamMember = Platform.Inspection.Module.Domain.TeamMember;

namespace Platform.Inspection.Module.Features.FormTeam;

/// <summary>Forming a mission's team from the pool: available members only, nobody from a target unit (回避).</summary>
public sealed class FormTeamHandler(InspectionDbContext db, InspectionAccess access, MissionLoader missions)
{
    public async Task<Contracts.Inspection.V1.Mission> HandleAsync(FormTeamRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var missionId = validator.Id("mission_id", request.MissionId);
        if (request.InspectorIds.Count == 0)
        {
            validator.Add("inspector_ids", "must name at least one inspector");
        }
        var ids = request.InspectorIds.Select((id, i) => validator.Id($"inspector_ids[{i}]", id)).ToList();
        if (ids.Distinct().Count() != ids.Count)
        {
            validator.Add("inspector_ids", "names an inspector twice");
        }
        var leaderId = validator.Id("leader_inspector_id", request.LeaderInspectorId);
        if (validator.IsValid && !ids.Contains(leaderId))
        {
            validator.Add("leader_inspector_id", "must be one of inspector_ids: the leader is on the team");
        }
        validator.ThrowIfInvalid();

        var mission = await missions.LoadAsync(missionId, cancellationToken);
        var inspectors = await db.Inspectors.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        for (var i = 0; i < ids.Count; i++)
        {
            if (!inspectors.TryGetValue(ids[i], out var inspector))
            {
                validator.Add($"inspector_ids[{i}]", $"inspector {ids[i]} is not in the pool");
            }
            else if (inspector.HomeUnitId is { } home && mission.TargetFor(home) is { } target)
            {
                // 回避: nobody inspects the unit they work for.
                validator.Add($"inspector_ids[{i}]", $"conflict of interest: {inspector.Name} works for {target.UnitName}, a target of this mission");
            }
            else if (!inspector.Available)
            {
                validator.Add($"inspector_ids[{i}]", $"{inspector.Name} is not available");
            }
        }
        validator.ThrowIfInvalid();

        mission.FormTeam(
            ids.Select(id => inspectors[id]).Select(i => new TeamMember { InspectorId = i.Id, UserId = i.UserId, Name = i.Name, IsLeader = i.Id == leaderId }),
            access.Now());
        await db.SaveChangesAsync(cancellationToken);
        return mission.ToProto();
    }
}
