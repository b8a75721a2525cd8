namespace Platform.Rectification.Module.Features.CountItems;

/// <summary>
/// The items the caller may see, counted by severity and state with SQL GROUP BY: what a home
/// page's bars need, without reading the ledger. The same visibility as ListItems.
/// </summary>
public sealed class CountItemsHandler(RectificationDbContext db, RectificationAccess access)
{
    private sealed record Group(string Severity, ItemState State, bool Overdue, int Count);

    public async Task<ItemCounts> HandleAsync(CountItemsRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        Guid? unitId = string.IsNullOrEmpty(request.UnitId) ? null : validator.Id("unit_id", request.UnitId);
        Guid? missionId = string.IsNullOrEmpty(request.MissionId) ? null : validator.Id("mission_id", request.MissionId);
        validator.ThrowIfInvalid();

        var groups = await access.Visible(db.Items.AsNoTracking())
            .WhereIf(unitId, u => i => i.UnitId == u)
            .WhereIf(missionId, m => i => i.MissionId == m)
            .GroupBy(i => new { i.Severity, i.State, i.Overdue })
            .Select(g => new Group(g.Key.Severity, g.Key.State, g.Key.Overdue, g.Count()))
            .ToListAsync(cancellationToken);

        var response = new ItemCounts();
        response.Counts.AddRange(groups
            .GroupBy(g => (g.Severity, g.State))
            .OrderBy(g => SeverityRank(g.Key.Severity)).ThenBy(g => g.Key.State)
            .Select(g => new ItemCount
            {
                Severity = g.Key.Severity,
                State = g.Key.State.WireName(),
                Count = g.Sum(x => x.Count),
                Overdue = g.Where(x => x.Overdue).Sum(x => x.Count),
            }));
        return response;
    }

    /// <summary>The gravest first.</summary>
    private static int SeverityRank(string severity) => severity switch
    {
        Severities.Severe => 0,
        Severities.Serious => 1,
        Severities.General => 2,
        _ => 3,
    };
}
