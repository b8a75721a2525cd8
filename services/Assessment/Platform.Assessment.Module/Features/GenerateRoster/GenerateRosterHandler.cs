using Platform.Assessment.Module.Features.DutyReports;

namespace Platform.Assessment.Module.Features.GenerateRoster;

/// <summary>
/// 应述尽述: everyone serving whose level and kind of post the duty list names is put on the roster;
/// someone on it who has since left, and has not reported, is excused with the reason (离任) rather
/// than removed, so the office sees why they are not counted. Safe to run again at any time.
/// </summary>
public sealed class GenerateRosterHandler(AssessmentDbContext db, AssessmentAccess access, RosterLoader loader)
{
    public const string LeftReason = "离任";

    public async Task<GenerateRosterResponse> HandleAsync(GenerateRosterRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var campaignId = validator.Id("campaign_id", request.CampaignId);
        validator.ThrowIfInvalid();
        var campaign = await loader.CampaignAsync(campaignId, cancellationToken);

        var regions = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.RegionCode, cancellationToken);
        var onRoster = await db.RosterEntries.Where(e => e.CampaignId == campaignId).ToDictionaryAsync(e => e.PersonId, cancellationToken);
        var people = await db.People.AsNoTracking().ToListAsync(cancellationToken);
        var stamp = access.Now();
        var response = new GenerateRosterResponse();
        foreach (var person in people)
        {
            onRoster.TryGetValue(person.Id, out var entry);
            if (!person.IsActive)
            {
                if (entry is not null && entry.Excuse(LeftReason))
                {
                    response.Excused++;
                }
                continue;
            }
            var level = DutyCampaign.LevelOf(person.PostKind, regions.GetValueOrDefault(person.UnitId, string.Empty));
            if (entry is null && campaign.Requires(level, person.PostKind))
            {
                db.RosterEntries.Add(Domain.RosterEntry.Create(campaign.Id, person, level, stamp));
                response.Added++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        response.Total = await db.RosterEntries.CountAsync(e => e.CampaignId == campaignId, cancellationToken);
        return response;
    }
}
