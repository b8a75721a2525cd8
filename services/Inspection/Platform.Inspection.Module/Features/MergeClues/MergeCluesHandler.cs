using System.Globalization;
using Platform.BuildingBlocks.Auth;
using Platform.Inspection.Module.Features.Clues;

namespace Platform.Inspection.Module.Features.MergeClues;

/// <summary>Merging the new clues of a likely-duplicate group into its primary clue.</summary>
public sealed class MergeCluesHandler(InspectionDbContext db, InspectionAccess access)
{
    public async Task<MergeCluesResponse> HandleAsync(MergeCluesRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var groupId = validator.Id("group_id", request.GroupId);
        var primaryId = validator.Id("primary_clue_id", request.PrimaryClueId);
        validator.ThrowIfInvalid();

        var members = await db.Clues.Where(c => c.DuplicateGroupId == groupId).ToListAsync(cancellationToken);
        if (members.Count == 0)
        {
            throw new NotFoundException($"Duplicate group {groupId} does not exist on this node.");
        }
        var primary = members.SingleOrDefault(c => c.Id == primaryId)
            ?? throw new ValidationException("primary_clue_id", "must be a clue of the group");
        var stamp = access.Now();
        var merged = new List<string>();
        foreach (var other in members.Where(c => c.Id != primaryId && c.Status == ClueStatuses.New))
        {
            other.MergeInto(primary, stamp);
            merged.Add(other.Id.ToString());
        }
        if (merged.Count == 0)
        {
            throw new PreconditionFailedException("The group holds no other new clue to merge into the primary.");
        }
        await db.SaveChangesAsync(cancellationToken);
        var response = new MergeCluesResponse { Primary = primary.ToProto() };
        response.MergedClueIds.AddRange(merged);
        return response;
    }
}
