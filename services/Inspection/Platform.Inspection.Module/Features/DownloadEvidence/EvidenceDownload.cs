using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Files;
using Platform.Contracts.Events.Inspection;
using Platform.Inspection.Module.Features.Findings;
using Platform.Inspection.Module.Features.Missions;

namespace Platform.Inspection.Module.Features.DownloadEvidence;

/// <summary>Downloading an evidence file over REST. It has no request message, so it is not a gRPC handler; the route in InspectionDownloads calls it.</summary>
public sealed class EvidenceDownload(InspectionDbContext db, InspectionAccess access, IFileStore files)
{
    /// <summary>An evidence file's bytes, for those who may see its finding.</summary>
    public async Task<(Domain.EvidenceFile Evidence, byte[] Content)> ReadAsync(string evidenceId, CancellationToken cancellationToken)
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
}
