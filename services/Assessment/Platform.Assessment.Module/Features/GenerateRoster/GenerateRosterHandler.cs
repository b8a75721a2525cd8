using Platform.Assessment.Module.Features.DutyReports;
using Platform.BuildingBlocks.AuditTrail;
using RosterEntry = Platform.Assessment.Module.Domain.RosterEntry;

namespace Platform.Assessment.Module.Features.GenerateRoster;

/// <summary>
/// 应述尽述: everyone serving whose level and kind of post the duty list names is put on the roster;
/// someone on it who has since left, and has not reported, is excused with the reason (离任) rather
/// than removed, so the office sees why they are not counted. Safe to run again at any time.
/// Set-based: one UPDATE excuses those who left, one query finds who is missing from the roster, and
/// multi-row INSERTs add them (a province campaign of 34,144 people is 69 statements, not 34,144
/// tracked entities and their 34,144 audit entries). The trail gets one entry per statement kind.
/// </summary>
public sealed class GenerateRosterHandler(AssessmentDbContext db, AssessmentAccess access, RosterLoader loader, AuditRecorder recorder)
{
    public const string LeftReason = "离任";

    public async Task<GenerateRosterResponse> HandleAsync(GenerateRosterRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var campaignId = validator.Id("campaign_id", request.CampaignId);
        validator.ThrowIfInvalid();
        var campaign = await loader.CampaignAsync(campaignId, cancellationToken);
        var stamp = access.Now();
        var postKinds = Enum.GetValues<PostKind>().Where(k => Enum.GetValues<ReportLevel>().Any(l => campaign.Requires(l, k))).ToList();
        var response = new GenerateRosterResponse();

        // Set-based writes bypass SaveChanges: the trail's entries are added by hand, in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        response.Excused = await db.RosterEntries
            .Where(e => e.CampaignId == campaignId && RosterEntry.StillToReport.Contains(e.Status) && db.People.Any(p => p.Id == e.PersonId && p.LeftOn != null))
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.Status, RosterStatus.Excused).SetProperty(e => e.Reason, LeftReason), cancellationToken);

        // Who serves in a kind of post the duty list names and is not on the roster yet; their level decides.
        var missing = await db.People.AsNoTracking()
            .Where(p => p.LeftOn == null && postKinds.Contains(p.PostKind) && !db.RosterEntries.Any(e => e.CampaignId == campaignId && e.PersonId == p.Id))
            .OrderBy(p => p.UnitId).ThenBy(p => p.Name)
            .Select(p => new { p.Id, p.Name, p.UnitId, p.PostKind, RegionCode = db.Units.Where(u => u.Id == p.UnitId).Select(u => u.RegionCode).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var entries = missing
            .Select(p => (Person: p, Level: DutyCampaign.LevelOf(p.PostKind, p.RegionCode ?? string.Empty)))
            .Where(p => campaign.Requires(p.Level, p.Person.PostKind))
            .Select(p => RosterEntry.Create(campaign.Id, p.Person.Id, p.Person.Name, p.Person.UnitId, p.Person.PostKind, p.Level, stamp))
            .ToList();
        // A run at the same time may have added some of them first: those rows are left as they are.
        response.Added = await RosterInserts.InsertAsync(db, entries, cancellationToken);

        if (response.Excused > 0)
        {
            db.AuditEntries.Add(recorder.NewEntry(
                AssessmentModule.ServiceName, "update", "roster_entries", string.Empty, $"Status,Reason: {response.Excused} excused in campaign {campaignId}"));
        }
        if (response.Added > 0)
        {
            db.AuditEntries.Add(recorder.NewEntry(
                AssessmentModule.ServiceName, "create", "roster_entries", string.Empty, $"{response.Added} added to campaign {campaignId}"));
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        response.Total = await db.RosterEntries.CountAsync(e => e.CampaignId == campaignId, cancellationToken);
        return response;
    }
}
