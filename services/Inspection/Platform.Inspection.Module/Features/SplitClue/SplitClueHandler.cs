using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Inspection.V1;
using Platform.Inspection.Module.Domain;
using Platform.Inspection.Module.Features.Clues;
using Platform.Inspection.Module.Infrastructure;

namespace Platform.Inspection.Module.Features.SplitClue;

/// <summary>Taking a clue out of its likely-duplicate group.</summary>
public sealed class SplitClueHandler(InspectionDbContext db, InspectionAccess access, ClueLoader clues)
{
    public async Task<Contracts.Inspection.V1.Clue> HandleAsync(SplitClueRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var clue = await clues.LoadAsync(request.ClueId, tracked: true, cancellationToken);
        clue.Split(access.Now());
        await db.SaveChangesAsync(cancellationToken);
        return clue.ToProto();
    }
}
