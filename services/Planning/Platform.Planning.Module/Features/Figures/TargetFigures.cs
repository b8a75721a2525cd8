using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;

namespace Platform.Planning.Module.Features.Figures;

/// <summary>
/// A plan's targets as one caller may see them: every target's tally, and the unit figures the
/// caller may read. <paramref name="AllUnits"/>: the caller sees every unit's figures, so it may
/// also see an each_unit target's weakest figure (to anyone else that is another unit's figure).
/// </summary>
public sealed record TargetFigureView(IReadOnlyDictionary<Guid, TargetTally> Tallies, ILookup<Guid, UnitTargetFigure> Figures, bool AllUnits = false)
{
    public static readonly TargetFigureView Empty = new(new Dictionary<Guid, TargetTally>(), Array.Empty<UnitTargetFigure>().ToLookup(f => f.TargetId));

    public TargetTally TallyOf(Guid targetId) => Tallies.GetValueOrDefault(targetId);
}

/// <summary>
/// Units' figures against targets. Aggregates are counted by the database (two grouped queries
/// per plan over covering indexes, whatever its size) and cached per plan until a report, an
/// assignment or a return changes them, so 2,000 liaisons reading one plan cost one count;
/// figures unit by unit go to the office, observers and operators, and to a unit for its own unit only.
/// </summary>
public sealed class TargetFigures(PlanningDbContext db, PlanningAccess access, IDistributedCache cache)
{
    /// <summary>
    /// Every write that changes a tally forgets the plan's entry at once; the lifetime bounds how
    /// long a count that raced such a write can stay.
    /// </summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(10);

    public static string CacheKey(Guid planId) => $"planning:target-tallies:{planId}";

    /// <summary>Called after a write that changes figures or who a plan's tasks are assigned to.</summary>
    public Task ForgetAsync(Guid planId, CancellationToken cancellationToken) => cache.RemoveAsync(CacheKey(planId), cancellationToken);

    /// <summary>Every target's tally for <paramref name="plan"/>, optionally for one task only.</summary>
    public async Task<Dictionary<Guid, TargetTally>> TalliesAsync(Domain.Plan plan, Guid? taskId, CancellationToken cancellationToken)
    {
        if (taskId is not null)
        {
            return await CountAsync(plan, taskId, cancellationToken);
        }
        if (await cache.GetAsync(CacheKey(plan.Id), cancellationToken) is { } cached)
        {
            return JsonSerializer.Deserialize<Dictionary<Guid, TargetTally>>(cached)!;
        }
        var tallies = await CountAsync(plan, null, cancellationToken);
        await cache.SetAsync(CacheKey(plan.Id), JsonSerializer.SerializeToUtf8Bytes(tallies),
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheLifetime }, cancellationToken);
        return tallies;
    }

    private async Task<Dictionary<Guid, TargetTally>> CountAsync(Domain.Plan plan, Guid? taskId, CancellationToken cancellationToken)
    {
        var targets = plan.Tasks.Where(t => taskId is null || t.Id == taskId).SelectMany(t => t.Targets).ToList();
        if (targets.Count == 0)
        {
            return [];
        }
        var assigned = await db.Assignments.AsNoTracking()
            .Where(a => a.PlanId == plan.Id && a.Status != AssignmentStatus.Returned)
            .WhereIf(taskId, t => a => a.TaskId == t)
            .GroupBy(a => a.TaskId)
            .Select(g => new { TaskId = g.Key, Units = g.Count() })
            .ToDictionaryAsync(x => x.TaskId, x => x.Units, cancellationToken);
        var reported = await db.UnitFigures.AsNoTracking()
            .Where(f => f.PlanId == plan.Id)
            .WhereIf(taskId, t => f => f.TaskId == t)
            .GroupBy(f => f.TargetId)
            .Select(g => new
            {
                TargetId = g.Key,
                Units = g.Count(),
                Meeting = g.Count(f => f.Met),
                Sum = g.Sum(f => f.Value),
                Min = g.Min(f => f.Value),
                Max = g.Max(f => f.Value),
            })
            .ToDictionaryAsync(x => x.TargetId, cancellationToken);
        return targets.ToDictionary(t => t.Id, t =>
        {
            var units = assigned.GetValueOrDefault(t.TaskId);
            return reported.TryGetValue(t.Id, out var r)
                ? new TargetTally(units, r.Units, r.Meeting, r.Sum, r.Min, r.Max)
                : new TargetTally(units, 0, 0, 0, 0, 0);
        });
    }

    /// <summary>
    /// The plan's targets for the caller: tallies always; unit figures of the caller's own unit,
    /// or of every unit when the caller sees all units and asks for them.
    /// </summary>
    public async Task<TargetFigureView> ViewAsync(Domain.Plan plan, Guid? taskId, bool everyUnit, CancellationToken cancellationToken)
    {
        var tallies = await TalliesAsync(plan, taskId, cancellationToken);
        if (tallies.Count == 0)
        {
            return TargetFigureView.Empty;
        }
        Guid? unit;
        if (access.SeesAllUnits)
        {
            if (!everyUnit)
            {
                return new TargetFigureView(tallies, TargetFigureView.Empty.Figures, AllUnits: true);
            }
            unit = null;
        }
        else if (access.Caller.UnitId is { } own)
        {
            unit = own;
        }
        else
        {
            return new TargetFigureView(tallies, TargetFigureView.Empty.Figures);
        }
        var figures = await db.UnitFigures.AsNoTracking()
            .Where(f => f.PlanId == plan.Id)
            .WhereIf(taskId, t => f => f.TaskId == t)
            .WhereIf(unit, u => f => f.UnitId == u)
            .ToListAsync(cancellationToken);
        return new TargetFigureView(tallies, figures.ToLookup(f => f.TargetId), AllUnits: unit is null);
    }
}
