using System.Globalization;
using Platform.BuildingBlocks.Auth;
using Platform.Inspection.Module.Features.Clues;

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
