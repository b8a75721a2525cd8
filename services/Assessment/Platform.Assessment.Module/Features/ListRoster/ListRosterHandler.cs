using Platform.Assessment.Module.Features.DutyReports;

namespace Platform.Assessment.Module.Features.ListRoster;

/// <summary>A campaign's roster by unit and status; "missing" is everyone who must still report, with why.</summary>
public sealed class ListRosterHandler(AssessmentDbContext db, AssessmentAccess access, RosterLoader loader)
{
    public async Task<ListRosterResponse> HandleAsync(ListRosterRequest request, CancellationToken cancellationToken)
    {
        access.RequirePeopleReader();
        var validator = new RequestValidator();
        var campaignId = validator.Id("campaign_id", request.CampaignId);
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        Guid? unitId = string.IsNullOrEmpty(request.UnitId) ? null : validator.Id("unit_id", request.UnitId);
        var missing = string.Equals(request.Status, "missing", StringComparison.OrdinalIgnoreCase);
        RosterStatus? status = null;
        if (!string.IsNullOrEmpty(request.Status) && !missing)
        {
            if (DutyReportRules.Statuses.TryGetValue(request.Status.Trim(), out var one))
            {
                status = one;
            }
            else
            {
                validator.Add("status", $"must be one of missing, {string.Join(", ", DutyReportRules.Statuses.Keys)}");
            }
        }
        validator.ThrowIfInvalid();
        var visibleUnit = access.VisibleUnitFilter(unitId);
        await loader.CampaignAsync(campaignId, cancellationToken);

        var query = db.RosterEntries.AsNoTracking()
            .Where(e => e.CampaignId == campaignId)
            .WhereIf(visibleUnit, u => e => e.UnitId == u)
            .WhereIf(status, s => e => e.Status == s);
        if (missing)
        {
            query = query.Where(e => e.Status == RosterStatus.Due || e.Status == RosterStatus.SentBack);
        }
        var (entries, next) = await query.OrderBy(e => e.UnitId).ThenBy(e => e.PersonName).ThenBy(e => e.Id).ToPageAsync(page, cancellationToken);
        var response = new ListRosterResponse { NextPageToken = next };
        // The page's files in one query: the office opens a report's files from the roster.
        var ids = entries.Select(e => e.Id).ToList();
        var attachments = (await db.DutyReportAttachments.AsNoTracking().Where(a => ids.Contains(a.EntryId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.EntryId);
        response.Entries.AddRange(entries.Select(e => e.ToProto(attachments[e.Id].OrderBy(a => a.Id))));
        return response;
    }
}
