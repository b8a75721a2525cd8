using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Files;
using Platform.Contracts.Events.Inspection;
using Platform.Inspection.Module.Features.Findings;
using Platform.Inspection.Module.Features.Missions;

namespace Platform.Inspection.Module.Features.RecordFinding;

/// <summary>Recording one finding (问题) of a mission, by the office or the mission's team.</summary>
public sealed class RecordFindingHandler(FindingRecorder recorder)
{
    public async Task<Contracts.Inspection.V1.Finding> HandleAsync(RecordFindingRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Id("mission_id", request.MissionId);
        var given = FindingRecorder.Parse(validator, string.Empty, new NewFinding
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
        return (await recorder.RecordAsync(request.MissionId, [given], string.Empty, cancellationToken))[0].ToProto();
    }
}
