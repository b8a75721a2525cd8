using Platform.Assessment.Module.Features.DutyReports;

namespace Platform.Assessment.Module.Features.GenerateRoster;

/// <summary>
/// 应述尽述 for the campaign's year: everyone who served in a unit of the node at some time during that
/// year, whose level and kind of post (as they held them at the end of the year, or on the day they
/// left) the duty list names, is on the roster. Who served is read from the people's history
/// (appointment, transfer, leave), not from who serves today: someone appointed after the year is not
/// on it, someone who served all year and left afterwards is due. Someone who left during the year,
/// and has not reported, is on it excused with the reason (离任), so the office sees why they are not
/// counted. Safe to run again at any time.
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
        var yearStart = new DateOnly(campaign.Year, 1, 1);
        var yearEnd = new DateOnly(campaign.Year, 12, 31);

        var regions = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.RegionCode, cancellationToken);
        var onRoster = await db.RosterEntries.Where(e => e.CampaignId == campaignId).ToDictionaryAsync(e => e.PersonId, cancellationToken);
        var people = await db.People.AsNoTracking().ToListAsync(cancellationToken);
        // What each person held at the end of the year: the last change of their history dated in or before it.
        var changes = await db.PersonChanges.AsNoTracking()
            .Where(c => c.Date <= yearEnd)
            .Select(c => new { c.Id, c.PersonId, c.Date, c.UnitId, c.PostKind })
            .ToListAsync(cancellationToken);
        var heldAtYearEnd = changes
            .GroupBy(c => c.PersonId)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.Date).ThenBy(c => c.Id).Last());
        var stamp = access.Now();
        var response = new GenerateRosterResponse();
        foreach (var person in people)
        {
            if (!heldAtYearEnd.TryGetValue(person.Id, out var held) || person.LeftOn < yearStart)
            {
                continue; // appointed after the year, or gone before it began
            }
            var leftInYear = person.LeftOn <= yearEnd;
            onRoster.TryGetValue(person.Id, out var entry);
            var level = DutyCampaign.LevelOf(held.PostKind, regions.GetValueOrDefault(held.UnitId, string.Empty));
            if (entry is null && campaign.Requires(level, held.PostKind))
            {
                entry = Domain.RosterEntry.Create(campaign.Id, person, held.UnitId, held.PostKind, level, stamp);
                db.RosterEntries.Add(entry);
                response.Added++;
            }
            if (leftInYear && entry is not null && entry.Excuse(LeftReason))
            {
                response.Excused++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        response.Total = await db.RosterEntries.CountAsync(e => e.CampaignId == campaignId, cancellationToken);
        return response;
    }
}
