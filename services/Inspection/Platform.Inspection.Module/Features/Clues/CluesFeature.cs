using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Inspection.V1;
using Platform.Inspection.Module.Domain;
using Platform.Inspection.Module.Infrastructure;

namespace Platform.Inspection.Module.Features.Clues;

/// <summary>Clue triage by the office: to a mission, to a unit, or closed with a reason; likely duplicates merged or split.</summary>
public sealed class CluesFeature(InspectionDbContext db, InspectionAccess access)
{
    private const string AssignToMission = "assign_to_mission";
    private const string AssignToUnit = "assign_to_unit";
    private const string Close = "close";

    private static readonly IReadOnlyDictionary<string, string> Actions = MissionKinds.Map(AssignToMission, AssignToUnit, Close);

    public async Task<Contracts.Inspection.V1.Clue> GetAsync(GetClueRequest request, CancellationToken cancellationToken)
    {
        RequireClueReader();
        return (await LoadAsync(request.ClueId, tracked: false, cancellationToken)).ToProto();
    }

    public async Task<ListCluesResponse> ListAsync(ListCluesRequest request, CancellationToken cancellationToken)
    {
        RequireClueReader();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        var source = string.IsNullOrEmpty(request.SourceSystem) ? null : validator.OneOf("source_system", request.SourceSystem, ClueSources.All);
        var status = string.IsNullOrEmpty(request.Status) ? null : validator.OneOf("status", request.Status, ClueStatuses.All);
        Guid? unitId = string.IsNullOrEmpty(request.UnitId) ? null : validator.Id("unit_id", request.UnitId);
        Guid? groupId = string.IsNullOrEmpty(request.DuplicateGroupId) ? null : validator.Id("duplicate_group_id", request.DuplicateGroupId);
        DateTimeOffset? from = Instant(validator, "received_from", request.ReceivedFrom);
        DateTimeOffset? to = Instant(validator, "received_to", request.ReceivedTo);
        validator.ThrowIfInvalid();

        var query = db.Clues.AsNoTracking()
            .WhereIf(unitId, u => c => c.UnitId == u || c.AssignedUnitId == u)
            .WhereIf(groupId, g => c => c.DuplicateGroupId == g)
            .WhereIf(from, f => c => c.ReceivedAt >= f)
            .WhereIf(to, t => c => c.ReceivedAt < t);
        query = source is null ? query : query.Where(c => c.SourceSystem == source);
        query = status is null ? query : query.Where(c => c.Status == status);
        var (rows, next) = await query.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id).ToPageAsync(page, cancellationToken);
        var response = new ListCluesResponse { NextPageToken = next };
        response.Clues.AddRange(rows.Select(c => c.ToProto()));
        return response;
    }

    public async Task<Contracts.Inspection.V1.Clue> TriageAsync(TriageClueRequest request, CancellationToken cancellationToken)
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

        var clue = await LoadAsync(request.ClueId, tracked: true, cancellationToken);
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

    public async Task<MergeCluesResponse> MergeAsync(MergeCluesRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var groupId = validator.Id("group_id", request.GroupId);
        var primaryId = validator.Id("primary_clue_id", request.PrimaryClueId);
        validator.ThrowIfInvalid();

        var members = await db.Clues.Where(c => c.DuplicateGroupId == groupId).ToListAsync(cancellationToken);
        if (members.Count == 0)
        {
            throw new NotFoundException($"Duplicate group {groupId} does not exist on this node.");
        }
        var primary = members.SingleOrDefault(c => c.Id == primaryId)
            ?? throw new ValidationException("primary_clue_id", "must be a clue of the group");
        var stamp = access.Now();
        var merged = new List<string>();
        foreach (var other in members.Where(c => c.Id != primaryId && c.Status == ClueStatuses.New))
        {
            other.MergeInto(primary, stamp);
            merged.Add(other.Id.ToString());
        }
        if (merged.Count == 0)
        {
            throw new PreconditionFailedException("The group holds no other new clue to merge into the primary.");
        }
        await db.SaveChangesAsync(cancellationToken);
        var response = new MergeCluesResponse { Primary = primary.ToProto() };
        response.MergedClueIds.AddRange(merged);
        return response;
    }

    public async Task<Contracts.Inspection.V1.Clue> SplitAsync(SplitClueRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var clue = await LoadAsync(request.ClueId, tracked: true, cancellationToken);
        clue.Split(access.Now());
        await db.SaveChangesAsync(cancellationToken);
        return clue.ToProto();
    }

    /// <summary>Clues name complainants' matters: the office and observers read them, nobody else.</summary>
    private void RequireClueReader() => access.Caller.RequireAnyRole(PlatformRoles.OfficeStaff, PlatformRoles.Observer);

    private async Task<Domain.Clue> LoadAsync(string? clueId, bool tracked, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var id = validator.Id("clue_id", clueId);
        validator.ThrowIfInvalid();
        var query = tracked ? db.Clues : db.Clues.AsNoTracking();
        return await query.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Clue {id} does not exist on this node.");
    }

    private static DateTimeOffset? Instant(RequestValidator validator, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant.ToUniversalTime();
        }
        validator.Add(field, "must be an ISO 8601 instant, e.g. 2026-05-01T00:00:00Z");
        return null;
    }
}
