using System.Globalization;
using Platform.BuildingBlocks.Auth;
using Platform.Inspection.Module.Features.Clues;

namespace Platform.Inspection.Module.Features.GetClue;

/// <summary>One clue, for the office and observers.</summary>
public sealed class GetClueHandler(ClueLoader clues)
{
    public async Task<Contracts.Inspection.V1.Clue> HandleAsync(GetClueRequest request, CancellationToken cancellationToken)
    {
        clues.RequireReader();
        return (await clues.LoadAsync(request.ClueId, tracked: false, cancellationToken)).ToProto();
    }
}
