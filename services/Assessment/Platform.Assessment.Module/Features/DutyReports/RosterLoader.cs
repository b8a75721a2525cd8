using RosterEntry = Platform.Assessment.Module.Domain.RosterEntry;

namespace Platform.Assessment.Module.Features.DutyReports;

/// <summary>Loads campaigns and roster entries for the caller; another unit's entry reads like a missing one.</summary>
public sealed class RosterLoader(AssessmentDbContext db, AssessmentAccess access)
{
    public async Task<DutyCampaign> CampaignAsync(Guid campaignId, CancellationToken cancellationToken) =>
        await db.Campaigns.SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken)
        ?? throw new NotFoundException($"Campaign {campaignId} does not exist.");

    public async Task<RosterEntry> VisibleEntryAsync(Guid entryId, CancellationToken cancellationToken)
    {
        var entry = await db.RosterEntries.SingleOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        if (entry is null || !access.CanSee(entry.UnitId))
        {
            throw new NotFoundException($"Roster entry {entryId} does not exist.");
        }
        return entry;
    }

    public async Task<Contracts.Assessment.V1.RosterEntry> ToProtoAsync(RosterEntry entry, CancellationToken cancellationToken)
    {
        var attachments = await db.DutyReportAttachments.AsNoTracking().Where(a => a.EntryId == entry.Id).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        return entry.ToProto(attachments);
    }
}
