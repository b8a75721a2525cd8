using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Files;
using Platform.Contracts.Events.Inspection;
using Platform.Inspection.Module.Features.Findings;
using Platform.Inspection.Module.Features.Missions;

namespace Platform.Inspection.Module.Features.Findings;

/// <summary>A finding the caller may see, with its mission; shared by GetFinding and AddEvidence.</summary>
public sealed class FindingLoader(InspectionDbContext db, InspectionAccess access)
{
    /// <summary>A finding the caller may see; one it may not see answers NotFound, so its existence is not revealed.</summary>
    internal async Task<(Domain.Finding Finding, Domain.Mission Mission)> LoadVisibleAsync(string? findingId, CancellationToken cancellationToken)
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
