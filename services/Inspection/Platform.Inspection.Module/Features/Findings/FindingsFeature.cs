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
    public const int MaxBatch = 500;

    public async Task<Contracts.Inspection.V1.Finding> RecordAsync(RecordFindingRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Id("mission_id", request.MissionId);
        var given = Parse(validator, string.Empty, new NewFinding
        {
            ResponsibleUnitId = request.ResponsibleUnitId,
            Title = request.Title,
            Description = request.Description,
            Location = request.Location,
            Category = request.Category,
            Severity = request.Severity,
            ClueId = request.ClueId,
        });
        validator.ThrowIfInvalid();
        return (await RecordAsync(request.MissionId, [given], string.Empty, cancellationToken))[0].ToProto();
    }

    public async Task<RecordFindingsResponse> RecordManyAsync(RecordFindingsRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Id("mission_id", request.MissionId);
        if (request.Findings.Count is 0 or > MaxBatch)
        {
            validator.Add("findings", $"must hold 1 to {MaxBatch} findings, got {request.Findings.Count}");
        }
        var given = request.Findings.Select((f, i) => Parse(validator, $"findings[{i}].", f)).ToList();
        validator.ThrowIfInvalid();
        var findings = await RecordAsync(request.MissionId, given, "findings[].", cancellationToken);
        var response = new RecordFindingsResponse();
        response.Findings.AddRange(findings.Select(f => f.ToProto()));
        return response;
    }

    private sealed record GivenFinding(Guid UnitId, string Title, string Description, string Location, string Category, string Severity, Guid? ClueId);

    private static GivenFinding Parse(RequestValidator validator, string prefix, NewFinding finding)
    {
        var unitId = validator.Id(prefix + "responsible_unit_id", finding.ResponsibleUnitId);
        var title = validator.Name(prefix + "title", finding.Title, 500);
        var description = validator.Required(prefix + "description", finding.Description, 10000);
        var location = validator.Optional(prefix + "location", finding.Location, 500) ?? string.Empty;
        var category = validator.Required(prefix + "category", finding.Category, 100);
        var severity = validator.OneOf(prefix + "severity", finding.Severity, Severities.All);
        Guid? clueId = string.IsNullOrWhiteSpace(finding.ClueId) ? null : validator.Id(prefix + "clue_id", finding.ClueId);
        return new GivenFinding(unitId, title, description, location, category, severity, clueId);
    }

    /// <summary>Stores the findings and their FindingRecorded events in one transaction, or none of them.</summary>
    private async Task<List<Domain.Finding>> RecordAsync(string missionId, IReadOnlyList<GivenFinding> given, string prefix, CancellationToken cancellationToken)
    {
        var mission = await missions.LoadVisibleAsync("mission_id", missionId, cancellationToken);
        access.RequireMissionWorker(mission);
        if (given.FirstOrDefault(g => mission.TargetFor(g.UnitId) is null) is { } stranger)
        {
            throw new ValidationException(prefix + "responsible_unit_id", $"unit {stranger.UnitId} is not one of the mission's targets");
        }
        var clueIds = given.Where(g => g.ClueId is not null).Select(g => g.ClueId!.Value).Distinct().ToList();
        if (clueIds.Count > 0)
        {
            var known = await db.Clues.Where(c => clueIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
            var missing = clueIds.Except(known).ToList();
            if (missing.Count > 0)
            {
                throw new ValidationException(prefix + "clue_id", $"clue {missing[0]} does not exist on this node");
            }
        }

        var stamp = access.Now();
        var findings = new List<Domain.Finding>(given.Count);
        foreach (var g in given)
        {
            var target = mission.TargetFor(g.UnitId)!;
            var finding = Domain.Finding.Record(mission, target, g.ClueId, g.Title, g.Description, g.Location, g.Category, g.Severity, stamp);
            findings.Add(finding);
            db.Findings.Add(finding);
            db.AddIntegrationEvent(new FindingRecorded(
                finding.Id, mission.Id, g.ClueId, target.UnitId, target.UnitName, g.Title, g.Category, g.Severity, stamp.UserId, stamp.At, stamp.NodeId));
        }
        await db.SaveChangesAsync(cancellationToken);
        return findings;
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
        var contentType = UploadCheck.Check(validator, string.Empty, request.FileName, request.Content.Span, options.AllowedExtensions, options.MaxBytes);
        validator.ThrowIfInvalid();

        var (finding, mission) = await LoadVisibleAsync(request.FindingId, cancellationToken);
        access.RequireMissionWorker(mission);
        if (finding.Evidence.Count >= options.MaxPerFinding)
        {
            throw new PreconditionFailedException($"The finding already has {options.MaxPerFinding} evidence files, the most allowed.");
        }
        var stored = await files.SaveAsync(request.Content.Memory, cancellationToken);
        var evidence = finding.AddEvidence(UploadCheck.FileNameOf(request.FileName), contentType!, stored.Size, stored.Sha256, access.Now());
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
        var evidence = await db.Evidence.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        var finding = evidence is null ? null : await db.Findings.AsNoTracking().SingleAsync(f => f.Id == evidence.FindingId, cancellationToken);
        var mission = finding is null ? null : await db.Missions.AsNoTracking().SingleAsync(m => m.Id == finding.MissionId, cancellationToken);
        if (evidence is null || !access.CanSee(finding!, mission!))
        {
            // Evidence of a finding the caller may not see reads like missing evidence, and names no finding.
            throw new NotFoundException($"Evidence {id} does not exist on this node.");
        }
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
