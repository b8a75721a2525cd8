using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Files;
using Platform.Contracts.Events.Inspection;
using Platform.Inspection.Module.Features.Findings;
using Platform.Inspection.Module.Features.Missions;

namespace Platform.Inspection.Module.Features.RecordFindings;

/// <summary>Recording a batch of findings of one mission: all of them, or none.</summary>
public sealed class RecordFindingsHandler(FindingRecorder recorder)
{
    public const int MaxBatch = 500;

    public async Task<RecordFindingsResponse> HandleAsync(RecordFindingsRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Id("mission_id", request.MissionId);
        if (request.Findings.Count is 0 or > MaxBatch)
        {
            validator.Add("findings", $"must hold 1 to {MaxBatch} findings, got {request.Findings.Count}");
        }
        var given = request.Findings.Select((f, i) => FindingRecorder.Parse(validator, $"findings[{i}].", f)).ToList();
        validator.ThrowIfInvalid();
        var findings = await recorder.RecordAsync(request.MissionId, given, "findings[].", cancellationToken);
        var response = new RecordFindingsResponse();
        response.Findings.AddRange(findings.Select(f => f.ToProto()));
        return response;
    }
}
