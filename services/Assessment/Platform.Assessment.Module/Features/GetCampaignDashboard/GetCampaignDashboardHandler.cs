using Platform.Assessment.Module.Features.DutyReports;
using Platform.Assessment.Module.Features.People;
using Platform.BuildingBlocks.Auth;

namespace Platform.Assessment.Module.Features.GetCampaignDashboard;

/// <summary>
/// A campaign's counts grouped by level, kind of post or unit, computed by the database in one grouped
/// query (a province campaign has tens of thousands of reporters: no entry is loaded).
/// </summary>
public sealed class GetCampaignDashboardHandler(AssessmentDbContext db, AssessmentAccess access, RosterLoader loader)
{
    private sealed record Counts(string Key, int Due, int Submitted, int Reviewed, int SentBack, int Excused, int Excellent, int Good, int Fair, int Poor, string Label = "");

    public async Task<CampaignDashboard> HandleAsync(GetCampaignDashboardRequest request, CancellationToken cancellationToken)
    {
        access.Caller.RequireAnyRole(PlatformRoles.OfficeStaff, PlatformRoles.Observer);
        var validator = new RequestValidator();
        var campaignId = validator.Id("campaign_id", request.CampaignId);
        var groupBy = CampaignFields.GroupBy(validator, request.GroupBy);
        validator.ThrowIfInvalid();
        await loader.CampaignAsync(campaignId, cancellationToken);

        var entries = db.RosterEntries.AsNoTracking().Where(e => e.CampaignId == campaignId);
        var rows = groupBy switch
        {
            "level" => (await Count(entries.GroupBy(e => e.Level), cancellationToken))
                .Select(r => r with { Key = Enum.Parse<ReportLevel>(r.Key).Wire(), Label = Enum.Parse<ReportLevel>(r.Key).Chinese() }),
            "post_kind" => (await Count(entries.GroupBy(e => e.PostKind), cancellationToken))
                .Select(r => r with { Key = Enum.Parse<PostKind>(r.Key).Wire(), Label = Enum.Parse<PostKind>(r.Key).Chinese() }),
            _ => await Count(entries.GroupBy(e => e.UnitId), cancellationToken),
        };
        var response = new CampaignDashboard { CampaignId = campaignId.ToString(), GroupBy = groupBy };
        var list = rows.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        response.Rows.AddRange(list.Select(ToProto));
        if (groupBy == "unit")
        {
            // A row by unit is labelled with the unit's name (the key stays its id): one query for the units on the page.
            var ids = list.Select(r => Guid.Parse(r.Key)).ToList();
            var names = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id.ToString(), u => u.Name, cancellationToken);
            foreach (var row in response.Rows)
            {
                row.Label = names.GetValueOrDefault(row.Key, string.Empty);
            }
        }
        response.Total = ToProto(new Counts(
            "total", list.Sum(r => r.Due), list.Sum(r => r.Submitted), list.Sum(r => r.Reviewed), list.Sum(r => r.SentBack), list.Sum(r => r.Excused),
            list.Sum(r => r.Excellent), list.Sum(r => r.Good), list.Sum(r => r.Fair), list.Sum(r => r.Poor)));
        return response;
    }

    /// <summary>One GROUP BY with conditional sums; "due" is everyone not excused, "submitted" every report in (reviewed or not).</summary>
    private static async Task<List<Counts>> Count<TKey>(IQueryable<IGrouping<TKey, Domain.RosterEntry>> groups, CancellationToken cancellationToken)
    {
        var counted = await groups.Select(g => new
        {
            g.Key,
            Due = g.Sum(e => e.Status != RosterStatus.Excused ? 1 : 0),
            Submitted = g.Sum(e => e.Status == RosterStatus.Submitted || e.Status == RosterStatus.Reviewed ? 1 : 0),
            Reviewed = g.Sum(e => e.Status == RosterStatus.Reviewed ? 1 : 0),
            SentBack = g.Sum(e => e.Status == RosterStatus.SentBack ? 1 : 0),
            Excused = g.Sum(e => e.Status == RosterStatus.Excused ? 1 : 0),
            Excellent = g.Sum(e => e.Rating == DutyRating.Excellent ? 1 : 0),
            Good = g.Sum(e => e.Rating == DutyRating.Good ? 1 : 0),
            Fair = g.Sum(e => e.Rating == DutyRating.Fair ? 1 : 0),
            Poor = g.Sum(e => e.Rating == DutyRating.Poor ? 1 : 0),
        }).ToListAsync(cancellationToken);
        return counted.Select(c => new Counts(c.Key!.ToString()!, c.Due, c.Submitted, c.Reviewed, c.SentBack, c.Excused, c.Excellent, c.Good, c.Fair, c.Poor)).ToList();
    }

    private static DashboardRow ToProto(Counts c) => new()
    {
        Key = c.Key, Label = c.Label, Due = c.Due, Submitted = c.Submitted, Reviewed = c.Reviewed, SentBack = c.SentBack, Excused = c.Excused,
        Excellent = c.Excellent, Good = c.Good, Fair = c.Fair, Poor = c.Poor,
    };
}
