using Platform.Assessment.Module.Features.DutyReports;

namespace Platform.Assessment.Module.Features.GenerateRoster;

/// <summary>
/// 应述尽述 for the campaign's year: everyone who served in a unit of the node at some time during that
/// year, whose level and kind of post at the campaign's reference date (the last day of the year, or the
/// day they left if that came first) the duty list names, is on the roster, once, under the unit they held
/// then. Who served is read from the people's history (appointment, transfer, leave), not from who serves
/// today: someone appointed after the year is not on it, someone who served all year and left afterwards is
/// due. Someone who left during the year, and has not reported, is on it excused with the reason (离任).
/// Someone transferred since their entry was made, who has not reported yet, moves with it to the unit (and
/// kind of post and level) they held at the reference date; if the duty list does not name their new post,
/// the entry is excused (岗位变动). Someone still due whose post a revised (narrowed) duty list no longer names is
/// excused too (责任清单调整). Safe to run again at any time.
/// </summary>
/// <remarks>
/// Set-based for a province (34,144 reporters): one query reads who served with what they held, one the
/// entries already made (ids and placement only, untracked); new entries are inserted in batches in one
/// transaction, and only the entries that change are loaded to change them.
/// </remarks>
public sealed class GenerateRosterHandler(AssessmentDbContext db, AssessmentAccess access, RosterLoader loader)
{
    public const string LeftReason = "离任";

    public const string MovedOffListReason = "岗位变动";

    public const string DutyListNarrowedReason = "责任清单调整";

    private const int InsertBatch = 2_000;

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
        // Who served in the year, with every change of their history up to its end, in one query; the last change is
        // what they held at the reference date (a leave change keeps the unit and post they left).
        var history = await (
            from person in db.People.AsNoTracking()
            where person.LeftOn == null || person.LeftOn >= yearStart
            join change in db.PersonChanges.AsNoTracking() on person.Id equals change.PersonId
            where change.Date <= yearEnd
            select new { person.Id, person.Name, person.LeftOn, ChangeId = change.Id, change.Date, change.UnitId, change.PostKind })
            .ToListAsync(cancellationToken);
        var existing = await db.RosterEntries.AsNoTracking().Where(e => e.CampaignId == campaignId)
            .Select(e => new { e.Id, e.PersonId, e.UnitId, e.PostKind, e.Level, e.Status })
            .ToDictionaryAsync(e => e.PersonId, cancellationToken);

        var stamp = access.Now();
        var response = new GenerateRosterResponse();
        var added = new List<Domain.RosterEntry>();
        var toExcuse = new Dictionary<Guid, string>();
        var toMove = new Dictionary<Guid, (Guid UnitId, PostKind PostKind, ReportLevel Level)>();
        foreach (var served in history.GroupBy(h => h.Id))
        {
            var held = served.MaxBy(h => (h.Date, h.ChangeId))!;
            var level = DutyCampaign.LevelOf(held.PostKind, regions.GetValueOrDefault(held.UnitId, string.Empty));
            var required = campaign.Requires(level, held.PostKind);
            var leftInYear = held.LeftOn <= yearEnd;
            if (existing.TryGetValue(held.Id, out var entry))
            {
                if (entry.Status is RosterStatus.Due or RosterStatus.SentBack && leftInYear)
                {
                    toExcuse[entry.Id] = LeftReason;
                }
                else if (entry.Status == RosterStatus.Due && (entry.UnitId, entry.PostKind, entry.Level) != (held.UnitId, held.PostKind, level))
                {
                    if (required)
                    {
                        toMove[entry.Id] = (held.UnitId, held.PostKind, level);
                    }
                    else
                    {
                        toExcuse[entry.Id] = MovedOffListReason;
                    }
                }
                else if (entry.Status == RosterStatus.Due && !required)
                {
                    toExcuse[entry.Id] = DutyListNarrowedReason;
                }
            }
            else if (required)
            {
                var created = Domain.RosterEntry.Create(campaign.Id, held.Id, held.Name, held.UnitId, held.PostKind, level, stamp);
                if (leftInYear)
                {
                    created.Excuse(LeftReason);
                    response.Excused++;
                }
                added.Add(created);
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (toExcuse.Count + toMove.Count > 0)
        {
            var ids = toExcuse.Keys.Concat(toMove.Keys).ToList();
            foreach (var entry in await db.RosterEntries.Where(e => ids.Contains(e.Id)).ToListAsync(cancellationToken))
            {
                if (toExcuse.TryGetValue(entry.Id, out var reason))
                {
                    response.Excused += entry.Excuse(reason) ? 1 : 0;
                }
                else
                {
                    var (unitId, postKind, level) = toMove[entry.Id];
                    entry.Reassign(unitId, postKind, level);
                }
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        foreach (var batch in added.Chunk(InsertBatch))
        {
            db.ChangeTracker.Clear();
            db.RosterEntries.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        response.Added = added.Count;
        response.Total = existing.Count + added.Count;
        return response;
    }
}
