using Grpc.Core;
using Platform.Inspection.Module.Features.Clues;

namespace Platform.Inspection.Module.Grpc;

/// <summary>platform.inspection.v1.ClueIntakeService: open to integrator keys only (see IntegratorKeyAuthentication).</summary>
public sealed class ClueIntakeGrpcService(ClueIntakeFeature intake) : ClueIntakeService.ClueIntakeServiceBase
{
    public override Task<IntakeCluesResponse> IntakeClues(IntakeCluesRequest request, ServerCallContext context) =>
        intake.IntakeAsync(request, context.CancellationToken);
}
