using Google.Protobuf;
using Microsoft.Extensions.Caching.Distributed;
using Platform.BuildingBlocks.Grpc;
using Platform.Planning.Module.Features.Figures;
using StatisticsRow = Platform.Contracts.Planning.V1.StatisticsRow;

namespace Platform.Planning.Module.Features.Statistics;

/// <summary>
/// A plan's statistics per unit and per chapter, read from the counters the projection keeps
/// (plan_statistics) and cached briefly (Redis in the distributed mode), so the office's
/// dashboard never scans reports.
/// </summary>
public sealed class StatisticsFeature(PlanningDbContext db, PlanningAccess access, TargetFigures figures, IDistributedCache cache, TimeProvider clock)
{
    /// <summary>Short enough that a report shows up in the statistics within seconds on every replica.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(5);

    public async Task<PlanStatistics> GetAsync(GetPlanStatisticsRequest request, CancellationToken cancellationToken)
    {
        access.Caller.RequireAnyRole(BuildingBlocks.Auth.PlatformRoles.OfficeStaff, BuildingBlocks.Auth.PlatformRoles.Observer, BuildingBlocks.Auth.PlatformRoles.NodeOperator);
        var validator = new RequestValidator();
        var planId = validator.Id("plan_id", request.PlanId);
        validator.ThrowIfInvalid();

        var key = CacheKey(planId);
        if (await cache.GetAsync(key, cancellationToken) is { } cached)
        {
            return PlanStatistics.Parser.ParseFrom(cached);
        }
        var statistics = await ComputeAsync(planId, cancellationToken);
        await cache.SetAsync(key, statistics.ToByteArray(), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheLifetime }, cancellationToken);
        return statistics;
    }

    public static string CacheKey(Guid planId) => $"planning:statistics:{planId}";

    internal async Task<PlanStatistics> ComputeAsync(Guid planId, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().Include(p => p.Chapters).Include(p => p.Tasks).ThenInclude(t => t.Targets).AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == planId, cancellationToken)
            ?? throw new NotFoundException($"Plan {planId} does not exist on this node.");
        var tallies = await figures.TalliesAsync(plan, taskId: null, cancellationToken);
        var figuresByUnit = await db.UnitFigures.AsNoTracking().Where(f => f.PlanId == planId).GroupBy(f => f.UnitId)
            .Select(g => new { g.Key, Reported = g.Count(), Met = g.Count(f => f.Met) }).ToDictionaryAsync(x => x.Key, cancellationToken);
        var figuresByChapter = await db.UnitFigures.AsNoTracking().Where(f => f.PlanId == planId).GroupBy(f => f.ChapterId)
            .Select(g => new { g.Key, Reported = g.Count(), Met = g.Count(f => f.Met) }).ToListAsync(cancellationToken);
        var rows = StatisticsProjection.Combined(await db.Statistics.AsNoTracking().Where(r => r.PlanId == planId).ToListAsync(cancellationToken));
        var unitIds = rows.Where(r => r.Dimension == StatisticsProjection.UnitDimension).Select(r => r.Key).ToList();
        var unitNames = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var chapterNames = plan.Chapters.ToDictionary(c => c.Id, c => $"{ChineseNumber(c.Number)}、{c.Title}");

        var statistics = new PlanStatistics { PlanId = planId.ToString(), ComputedAt = clock.GetUtcNow().ToWire() };
        statistics.ByUnit.AddRange(rows.Where(r => r.Dimension == StatisticsProjection.UnitDimension)
            .Select(r => WithFigures(ToRow(r, unitNames.GetValueOrDefault(r.Key, r.Key.ToString())),
                figuresByUnit.TryGetValue(r.Key, out var f) ? (f.Reported, f.Met) : default))
            .OrderBy(r => r.Name, StringComparer.Ordinal));
        statistics.ByChapter.AddRange(rows.Where(r => r.Dimension == StatisticsProjection.ChapterDimension)
            .Select(r => WithFigures(ToRow(r, r.Key == Guid.Empty ? "未分部分" : chapterNames.GetValueOrDefault(r.Key, r.Key.ToString())),
                figuresByChapter.Where(f => (f.Key ?? Guid.Empty) == r.Key).Select(f => (f.Reported, f.Met)).FirstOrDefault()))
            .OrderBy(r => plan.Chapters.FirstOrDefault(c => c.Id.ToString() == r.Id)?.Number ?? int.MaxValue));
        var unitRows = rows.Where(r => r.Dimension == StatisticsProjection.UnitDimension);
        statistics.Totals = WithFigures(ToRow(StatisticsProjection.Total(unitRows), "合计"),
            (figuresByUnit.Values.Sum(f => f.Reported), figuresByUnit.Values.Sum(f => f.Met)));
        statistics.Targets.AddRange(plan.Tasks.OrderBy(t => t.Number).SelectMany(t => t.Targets
            .OrderBy(target => target.Number).ThenBy(target => target.Id)
            .Select(target => new TargetStatistics
            {
                TaskId = t.Id.ToString(),
                TaskNumber = t.Number,
                Target = target.ToProto(tallies.GetValueOrDefault(target.Id), allUnits: true),
            })));
        return statistics;
    }

    private static StatisticsRow ToRow(Domain.StatisticsRow row, string name) => Rate(new StatisticsRow
    {
        Id = row.Key == Guid.Empty ? string.Empty : row.Key.ToString(),
        Name = name,
        Assigned = row.Assigned,
        Accepted = row.Accepted,
        ReportedOnTime = row.ReportedOnTime,
        ReportedLate = row.ReportedLate,
        Overdue = row.Overdue,
        Done = row.Done,
    });

    private static StatisticsRow WithFigures(StatisticsRow row, (int Reported, int Met) figures)
    {
        row.FiguresReported = figures.Reported;
        row.FiguresMet = figures.Met;
        return row;
    }

    private static StatisticsRow Rate(StatisticsRow row)
    {
        var due = row.ReportedOnTime + row.ReportedLate + row.Overdue;
        row.OnTimeRate = due == 0 ? 0 : Math.Round((double)row.ReportedOnTime / due, 4);
        row.CompletionRate = row.Assigned == 0 ? 0 : Math.Round((double)row.Done / row.Assigned, 4);
        return row;
    }

    internal static string ChineseNumber(int number)
    {
        string[] digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        return number switch
        {
            < 10 => digits[number],
            10 => "十",
            < 20 => "十" + digits[number % 10],
            < 100 => digits[number / 10] + "十" + (number % 10 == 0 ? string.Empty : digits[number % 10]),
            _ => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
