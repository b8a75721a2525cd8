using System.Globalization;
using Platform.BuildingBlocks.Auth;
using Platform.Inspection.Module.Features.Clues;

namespace Platform.Inspection.Module.Features.Clues;

/// <summary>Who reads clues, and loading one by id; shared by the clue handlers.</summary>
public sealed class ClueLoader(InspectionDbContext db, InspectionAccess access)
{
    /// <summary>Clues name complainants' matters: the office and observers read them, nobody else.</summary>
    internal void RequireReader() => access.Caller.RequireAnyRole(PlatformRoles.OfficeStaff, PlatformRoles.Observer);

    internal async Task<Domain.Clue> LoadAsync(string? clueId, bool tracked, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var id = validator.Id("clue_id", clueId);
        validator.ThrowIfInvalid();
        var query = tracked ? db.Clues : db.Clues.AsNoTracking();
        return await query.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Clue {id} does not exist on this node.");
    }
}
