using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Files;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Events.Inspection;
using Platform.Contracts.Inspection.V1;
using Platform.Inspection.Module.Domain;
using Platform.Inspection.Module.Features.Missions;
using Platform.Inspection.Module.Infrastructure;

namespace Platform.Inspection.Module.Features.Findings;

/// <summary>Findings (问题清单): recorded by the mission's team, seen by the responsible unit only after feedback.</summary>
public sealed class FindingsFeature(
    InspectionDbContext db, InspectionAccess access, MissionsFeature missions, IFileStore files, IOptions<EvidenceOptions> evidenceOptions)
{
    public async Task<Contracts.Inspection.V1.Finding> RecordAsync(RecordFindingRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Id("mission_id", request.MissionId);
        var unitId = validator.Id("responsible_unit_id", request.ResponsibleUnitId);
        var title = validator.Required("title", request.Title, 500);
        var description = validator.Required("description", request.Description, 10000);
        var location = request.Location?.Trim() ?? string.Empty;
        if (location.Length > 500)
        {
            validator.Add("location", "must be at most 500 characters");
        }
        var category = validator.Required("category", request.Category, 100);
        var severity = validator.OneOf("severity", request.Severity, Severities.All);
        Guid? clueId = string.IsNullOrWhiteSpace(request.ClueId) ? null : validator.Id("clue_id", request.ClueId);
        validator.ThrowIfInvalid();

        var mission = await missions.LoadVisibleAsync("mission_id", request.MissionId, cancellationToken);
        access.RequireMissionWorker(mission);
        var target = mission.TargetFor(unitId)
            ?? throw new ValidationException("responsible_unit_id", "must be one of the mission's targets");
        if (clueId is { } clue && !await db.Clues.AnyAsync(c => c.Id == clue, cancellationToken))
        {
            throw new ValidationException("clue_id", $"clue {clue} does not exist on this node");
        }

        var stamp = access.Now();
        var finding = Domain.Finding.Record(mission, target, clueId, title, description, location, category, severity, stamp);
        db.Findings.Add(finding);
        db.AddIntegrationEvent(new FindingRecorded(
            finding.Id, mission.Id, clueId, target.UnitId, target.UnitName, title, category, severity, stamp.UserId, stamp.At, stamp.NodeId));
        await db.SaveChangesAsync(cancellationToken);
        return finding.ToProto();
    }

    public async Task<Contracts.Inspection.V1.Finding> GetAsync(GetFindingRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var (finding, _) = await LoadVisibleAsync(request.FindingId, cancellationToken);
        return finding.ToProto();
    }

    public async Task<ListFindingsResponse> ListAsync(ListFindingsRequest request, CancellationToken cancellationToken)
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

    public async Task<Contracts.Inspection.V1.Evidence> AddEvidenceAsync(AddEvidenceRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Id("finding_id", request.FindingId);
        var options = evidenceOptions.Value;
        var contentType = EvidencePolicy.Check(validator, request.FileName, request.Content.Span, options);
        validator.ThrowIfInvalid();

        var (finding, mission) = await LoadVisibleAsync(request.FindingId, cancellationToken);
        access.RequireMissionWorker(mission);
        if (finding.Evidence.Count >= options.MaxPerFinding)
        {
            throw new PreconditionFailedException($"The finding already has {options.MaxPerFinding} evidence files, the most allowed.");
        }
        var stored = await files.SaveAsync(request.Content.Memory, cancellationToken);
        var evidence = finding.AddEvidence(Path.GetFileName(request.FileName.Trim()), contentType!, stored.Size, stored.Sha256, access.Now());
        db.Evidence.Add(evidence);
        await db.SaveChangesAsync(cancellationToken);
        return evidence.ToProto();
    }

    /// <summary>An evidence file's bytes, for those who may see its finding.</summary>
    public async Task<(Domain.EvidenceFile Evidence, byte[] Content)> ReadEvidenceAsync(string evidenceId, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var validator = new RequestValidator();
        var id = validator.Id("evidence_id", evidenceId);
        validator.ThrowIfInvalid();
        var evidence = await db.Evidence.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Evidence {id} does not exist on this node.");
        await LoadVisibleAsync(evidence.FindingId.ToString(), cancellationToken);
        var content = await files.ReadAsync(evidence.Sha256, cancellationToken)
            ?? throw new NotFoundException($"The file of evidence {id} is missing from the file store.");
        return (evidence, content);
    }

    /// <summary>A finding the caller may see; one it may not see answers NotFound, so its existence is not revealed.</summary>
    private async Task<(Domain.Finding Finding, Domain.Mission Mission)> LoadVisibleAsync(string? findingId, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var id = validator.Id("finding_id", findingId);
        validator.ThrowIfInvalid();
        var finding = await db.Findings.Include(f => f.Evidence).SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        var mission = finding is null ? null : await db.Missions.SingleAsync(m => m.Id == finding.MissionId, cancellationToken);
        if (finding is null || !access.CanSee(finding, mission!))
        {
            throw new NotFoundException($"Finding {id} does not exist on this node.");
        }
        return (finding, mission!);
    }
}
