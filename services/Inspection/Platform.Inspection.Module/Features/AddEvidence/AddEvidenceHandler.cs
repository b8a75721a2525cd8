using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Files;
using Platform.Contracts.Events.Inspection;
using Platform.Inspection.Module.Features.Findings;
using Platform.Inspection.Module.Features.Missions;

namespace Platform.Inspection.Module.Features.AddEvidence;

/// <summary>Attaching an evidence file to a finding, by the office or the mission's team.</summary>
public sealed class AddEvidenceHandler(InspectionDbContext db, InspectionAccess access, FindingLoader findings, IFileStore files, IOptions<EvidenceOptions> evidenceOptions)
{
    public async Task<Contracts.Inspection.V1.Evidence> HandleAsync(AddEvidenceRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Id("finding_id", request.FindingId);
        var options = evidenceOptions.Value;
        var contentType = UploadCheck.Check(validator, string.Empty, request.FileName, request.Content.Span, options.AllowedExtensions, options.MaxBytes);
        validator.ThrowIfInvalid();

        var (finding, mission) = await findings.LoadVisibleAsync(request.FindingId, cancellationToken);
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
}
