using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Files;
using Platform.Contracts.Events.Inspection;
using Platform.Inspection.Module.Features.Findings;
using Platform.Inspection.Module.Features.Missions;

namespace Platform.Inspection.Module.Features.GetFinding;

/// <summary>One finding, if the caller may see it.</summary>
public sealed class GetFindingHandler(InspectionAccess access, FindingLoader findings)
{
    public async Task<Contracts.Inspection.V1.Finding> HandleAsync(GetFindingRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var (finding, _) = await findings.LoadVisibleAsync(request.FindingId, cancellationToken);
        return finding.ToProto();
    }
}
