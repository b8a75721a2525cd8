using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Grpc;

namespace Platform.Rectification.Module.Features.Summaries;

/// <summary>
/// Items opened, closed, gone overdue and escalated in a period, by unit, severity and category,
/// shared by the weekly summary (周汇总) and the monthly bulletin data (月通报). Counted in SQL with
/// GROUP BY; only the groups (units × severities × categories) come back to the service.
/// </summary>
public sealed class StatusSummaries(RectificationDbContext db, RectificationAccess access)
{
    /// <summary>Summaries count case material per unit: the office, observers and inspectors (their missions' items only); no operators.</summary>
    internal void RequireReader() => access.Caller.RequireAnyRole(
        PlatformRoles.OfficeStaff, PlatformRoles.Inspector, PlatformRoles.Observer);

    private sealed record Group(Guid UnitId, string UnitName, string Severity, string Category, int Count);

    internal async Task<StatusSummary> SummariseAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var items = access.Visible(db.Items.AsNoTracking());
        var opened = await CountAsync(items.Where(i => i.OpenedOn >= from && i.OpenedOn <= to), cancellationToken);
        var closed = await CountAsync(items.Where(i => i.ClosedOn >= from && i.ClosedOn <= to), cancellationToken);
        var overdue = await CountAsync(items.Where(i => i.OverdueOn >= from && i.OverdueOn <= to), cancellationToken);
        var visibleIds = items.Select(i => i.Id);
        var escalated = await db.Escalations.AsNoTracking()
            .Where(e => e.AppliedOn >= from && e.AppliedOn <= to && visibleIds.Contains(e.ItemId))
            .GroupBy(e => new { e.UnitId, e.UnitName, e.Severity, e.Category })
            .Select(g => new Group(g.Key.UnitId, g.Key.UnitName, g.Key.Severity, g.Key.Category, g.Count()))
            .ToListAsync(cancellationToken);

        var summary = new StatusSummary
        {
            PeriodStart = from.ToWire(),
            PeriodEnd = to.ToWire(),
            Total = Row("total", "合计", g => true),
            OpenNow = await items.CountAsync(i => i.State != ItemState.Verified, cancellationToken),
            OverdueNow = await items.CountAsync(i => i.State != ItemState.Verified && i.Overdue, cancellationToken),
        };
        var all = opened.Concat(closed).Concat(overdue).Concat(escalated).ToList();
        summary.ByUnit.AddRange(all.DistinctBy(g => g.UnitId).OrderBy(g => g.UnitName, StringComparer.Ordinal)
            .Select(u => Row(u.UnitId.ToString(), u.UnitName, g => g.UnitId == u.UnitId)));
        summary.BySeverity.AddRange(Severities.ByWireName.Values.Distinct()
            .Select(s => Row(s, Severities.ChineseName(s), g => g.Severity == s)));
        summary.ByCategory.AddRange(all.Select(g => g.Category).Distinct().Order(StringComparer.Ordinal)
            .Select(c => Row(c, c.Length == 0 ? "未分类" : c, g => g.Category == c)));
        return summary;

        SummaryRow Row(string key, string name, Func<Group, bool> match) => new()
        {
            Key = key,
            Name = name,
            Opened = opened.Where(match).Sum(g => g.Count),
            Closed = closed.Where(match).Sum(g => g.Count),
            Overdue = overdue.Where(match).Sum(g => g.Count),
            Escalated = escalated.Where(match).Sum(g => g.Count),
        };
    }

    private static Task<List<Group>> CountAsync(IQueryable<Domain.RectificationItem> items, CancellationToken cancellationToken) =>
        items.GroupBy(i => new { i.UnitId, i.UnitName, i.Severity, i.Category })
            .Select(g => new Group(g.Key.UnitId, g.Key.UnitName, g.Key.Severity, g.Key.Category, g.Count()))
            .ToListAsync(cancellationToken);
}
