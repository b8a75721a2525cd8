using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Inspection.V1;
using Platform.Inspection.Module.Domain;
using Platform.Inspection.Module.Features.Clues;
using Platform.Inspection.Module.Infrastructure;

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
