using Platform.Planning.Module.Features.ReportingRuleUpdates;

namespace Platform.Planning.Module.Features.ListReportingRuleUpdates;

/// <summary>The reporting-rule updates issued here and received from above, newest first, each naming the codes it is in force for.</summary>
public sealed class ListReportingRuleUpdatesHandler(PlanningDbContext db, PlanningAccess access)
{
    public async Task<ListReportingRuleUpdatesResponse> HandleAsync(ListReportingRuleUpdatesRequest request, CancellationToken cancellationToken)
    {
        access.RequireNodeWideReader("Reporting-rule updates");
        var rows = await db.ReportingRuleUpdates.AsNoTracking().ToListAsync(cancellationToken);
        var inForce = KeptReportingRuleUpdates.InForce(rows).ToLookup(c => c.Update.Id, c => c.Code);
        var response = new ListReportingRuleUpdatesResponse();
        response.Updates.AddRange(rows.OrderByDescending(u => u.ReceivedAt).ThenByDescending(u => u.Version).Select(u => ReportingRuleRows.ToProto(u, inForce[u.Id])));
        return response;
    }
}
