using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Events.Inspection;
using Platform.Contracts.Inspection.V1;
using Platform.Inspection.Module.Domain;
using Platform.Inspection.Module.Infrastructure;
using MissionTarget = Platform.Inspection.Module.Domain.MissionTarget;
using TeamMember = Platform.Inspection.Module.Domain.TeamMember;

namespace Platform.Inspection.Module.Features.Missions;

/// <summary>Missions: planning one, forming its team, moving it through its states.</summary>
public sealed partial class MissionsFeature(InspectionDbContext db, InspectionAccess access)
{
    public async Task<Contracts.Inspection.V1.Mission> CreateAsync(CreateMissionRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var title = validator.Name("title", request.Title, 300);
        var kind = validator.OneOf("kind", request.Kind, MissionKinds.All);
        var year = validator.Range("year", request.Year, 2000, 2100);
        var planEntry = validator.Optional("plan_entry", request.PlanEntry, 500) ?? string.Empty;
        var targets = ParseTargets(validator, request.Targets);
        var focus = request.FocusItems.Select((f, i) => validator.Required($"focus_items[{i}]", f, 500)).ToList();
        if (request.Methods.Count == 0)
        {
            validator.Add("methods", $"must name at least one of {string.Join(", ", InspectionMethods.All.Keys)}");
        }
        var methods = request.Methods.Select((m, i) => validator.OneOf($"methods[{i}]", m, InspectionMethods.All)).ToList();
        var startsOn = validator.Date("starts_on", request.StartsOn);
        var endsOn = validator.Date("ends_on", request.EndsOn);
        if (validator.IsValid && endsOn < startsOn)
        {
            validator.Add("ends_on", $"must not be before starts_on {startsOn:yyyy-MM-dd}");
        }
        validator.ThrowIfInvalid();

        var mission = Domain.Mission.Plan(title, kind, year, planEntry, targets, focus, methods, startsOn, endsOn, access.Now());
        db.Missions.Add(mission);
        await db.SaveChangesAsync(cancellationToken);
        return mission.ToProto();
    }

    public async Task<Contracts.Inspection.V1.Mission> GetAsync(GetMissionRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var mission = await LoadVisibleAsync(request.MissionId, cancellationToken);
        return ForCaller(mission);
    }

    public async Task<ListMissionsResponse> ListAsync(ListMissionsRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        int? year = request.Year == 0 ? null : validator.Range("year", request.Year, 2000, 2100);
        var kind = string.IsNullOrEmpty(request.Kind) ? null : validator.OneOf("kind", request.Kind, MissionKinds.All);
        var state = string.IsNullOrEmpty(request.State) ? null : validator.OneOf("state", request.State, MissionStates.All);
        validator.ThrowIfInvalid();

        var query = db.Missions.AsNoTracking().WhereIf(year, y => m => m.Year == y);
        query = kind is null ? query : query.Where(m => m.Kind == kind);
        query = state is null ? query : query.Where(m => m.State == state);
        if (!access.SeesEverything)
        {
            var caller = access.Caller;
            var unitId = access.IsUnitCaller ? caller.UnitId : null;
            query = query.Where(m => m.Team.Any(t => t.UserId == caller.Id)
                || (unitId != null && m.State != MissionStates.Planned && m.Targets.Any(t => t.UnitId == unitId)));
        }
        var (rows, next) = await query.OrderByDescending(m => m.Id).ToPageAsync(page, cancellationToken);
        var response = new ListMissionsResponse { NextPageToken = next };
        response.Missions.AddRange(rows.Select(ForCaller));
        return response;
    }

    public async Task<Contracts.Inspection.V1.Mission> FormTeamAsync(FormTeamRequest request, CancellationToken cancellationToken)
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

        var mission = await db.Missions.SingleOrDefaultAsync(m => m.Id == missionId, cancellationToken)
            ?? throw new NotFoundException($"Mission {missionId} does not exist on this node.");
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

    public async Task<Contracts.Inspection.V1.Mission> TransitionAsync(TransitionMissionRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var missionId = validator.Id("mission_id", request.MissionId);
        var next = validator.OneOf("to_state", request.ToState, MissionStates.All);
        validator.ThrowIfInvalid();

        var mission = await db.Missions.SingleOrDefaultAsync(m => m.Id == missionId, cancellationToken)
            ?? throw new NotFoundException($"Mission {missionId} does not exist on this node.");
        if (next == MissionStates.FeedbackGiven)
        {
            await RequireFeedbackForEveryUnitWithFindingsAsync(mission, cancellationToken);
        }
        var stamp = access.Now();
        mission.MoveTo(next, stamp);
        if (next == MissionStates.Notified)
        {
            db.AddIntegrationEvent(new MissionNotified(
                mission.Id, mission.Title, mission.Kind, mission.Year,
                mission.Targets.Select(t => new Contracts.Events.Inspection.MissionTarget(t.UnitId, t.UnitName, t.RegionCode)).ToList(),
                mission.FocusItems.ToList(), mission.StartsOn, mission.EndsOn, stamp.UserId, stamp.At, stamp.NodeId));
        }
        await db.SaveChangesAsync(cancellationToken);
        return mission.ToProto();
    }

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

    private Task<Domain.Mission> LoadVisibleAsync(string? value, CancellationToken cancellationToken) =>
        LoadVisibleAsync("mission_id", value, cancellationToken);

    private Contracts.Inspection.V1.Mission ForCaller(Domain.Mission mission) =>
        access.SeesEverything || !access.IsUnitCaller || mission.IsOnTeam(access.Caller.Id)
            ? mission.ToProto()
            : mission.ToProtoForUnit(access.Caller.UnitId!.Value);

    private async Task RequireFeedbackForEveryUnitWithFindingsAsync(Domain.Mission mission, CancellationToken cancellationToken)
    {
        var unitsWithFindings = await db.Findings.Where(f => f.MissionId == mission.Id).Select(f => f.ResponsibleUnitId).Distinct().ToListAsync(cancellationToken);
        var waiting = mission.Targets.Where(t => t.FeedbackId is null && unitsWithFindings.Contains(t.UnitId)).Select(t => t.UnitName).ToList();
        if (waiting.Count > 0)
        {
            throw new PreconditionFailedException($"Mission is {mission.State}; feedback is still to be given to: {string.Join(", ", waiting)}.");
        }
    }

    private static List<MissionTarget> ParseTargets(RequestValidator validator, IReadOnlyList<Contracts.Inspection.V1.MissionTarget> targets)
    {
        if (targets.Count == 0)
        {
            validator.Add("targets", "must name at least one unit to inspect");
        }
        if (targets.Count > 500)
        {
            validator.Add("targets", $"must name at most 500 units, got {targets.Count}");
        }
        var parsed = new List<MissionTarget>();
        for (var i = 0; i < targets.Count; i++)
        {
            var unitId = validator.Id($"targets[{i}].unit_id", targets[i].UnitId);
            var name = validator.Name($"targets[{i}].unit_name", targets[i].UnitName, 200);
            var region = string.IsNullOrWhiteSpace(targets[i].RegionCode) ? null : targets[i].RegionCode.Trim();
            if (region is not null && !RegionCode().IsMatch(region))
            {
                validator.Add($"targets[{i}].region_code", $"'{region}' is not a six-digit GB/T 2260 code");
            }
            if (unitId != Guid.Empty && parsed.Any(p => p.UnitId == unitId))
            {
                validator.Add($"targets[{i}].unit_id", "names a unit twice");
            }
            parsed.Add(new MissionTarget { UnitId = unitId, UnitName = name, RegionCode = region });
        }
        return parsed;
    }

    [GeneratedRegex("^[1-9][0-9]{5}$")]
    private static partial Regex RegionCode();
}
