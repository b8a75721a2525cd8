using AssessmentUnit = Platform.Assessment.Module.Domain.AssessmentUnit;

namespace Platform.Assessment.Module.Features.Scores;

/// <summary>Loads what a score is computed from: the year's tree, the unit, its facts and marks.</summary>
public sealed class ScoreLoader(AssessmentDbContext db)
{
    public async Task<Domain.IndicatorSystem> SystemAsync(int year, CancellationToken cancellationToken) =>
        await db.IndicatorSystems.AsNoTracking().SingleOrDefaultAsync(s => s.Year == year, cancellationToken)
        ?? throw new NotFoundException($"No indicator system has been set for {year}.");

    public async Task<AssessmentUnit> UnitAsync(Guid unitId, CancellationToken cancellationToken) =>
        await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, cancellationToken)
        ?? throw new NotFoundException($"Unit {unitId} is not a unit of this node.");

    public async Task<Contracts.Assessment.V1.UnitScore> ScoreAsync(
        Domain.IndicatorSystem system, AssessmentUnit unit, bool showConfidential, CancellationToken cancellationToken)
    {
        var facts = await db.UnitFacts.AsNoTracking().Where(f => f.Year == system.Year && f.UnitId == unit.Id).ToListAsync(cancellationToken);
        var marks = await db.RecordedScores.AsNoTracking().Where(s => s.Year == system.Year && s.UnitId == unit.Id).ToListAsync(cancellationToken);
        var upheld = await db.Appeals.AsNoTracking().Where(a => a.Year == system.Year && a.UnitId == unit.Id && a.Status == AppealStatus.Upheld).ToListAsync(cancellationToken);
        return ScoreSheet.Compute(system, unit, facts, marks, upheld, showConfidential);
    }

    /// <summary>
    /// Every unit's totals for a year (optionally of one level and kind): four queries for the whole
    /// node, whatever its size, then the sheet per unit in memory. The facts are counted by the
    /// database (occurrences per unit and source), not loaded: a province's year has tens of thousands.
    /// </summary>
    public async Task<List<UnitTotal>> TotalsAsync(Domain.IndicatorSystem system, string? level, string? kind, CancellationToken cancellationToken)
    {
        var units = await db.Units.AsNoTracking().Where(u => kind == null || u.Kind == kind).ToListAsync(cancellationToken);
        units = [.. units.Where(u => level is null || UnitLevels.Of(u.RegionCode) == level)];
        var occurrences = (await db.UnitFacts.Where(f => f.Year == system.Year)
                .GroupBy(f => new { f.UnitId, f.Source })
                .Select(g => new { g.Key.UnitId, g.Key.Source, Count = g.Select(f => f.Subject).Distinct().Count() })
                .ToListAsync(cancellationToken))
            .GroupBy(o => o.UnitId)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, int>)g.ToDictionary(o => o.Source, o => o.Count, StringComparer.Ordinal));
        var none = new Dictionary<string, int>(StringComparer.Ordinal);
        var marks = (await db.RecordedScores.AsNoTracking().Where(s => s.Year == system.Year).ToListAsync(cancellationToken)).ToLookup(s => s.UnitId);
        var upheld = (await db.Appeals.AsNoTracking().Where(a => a.Year == system.Year && a.Status == AppealStatus.Upheld).ToListAsync(cancellationToken)).ToLookup(a => a.UnitId);
        return [.. units.Select(u =>
        {
            var score = ScoreSheet.Totals(system, u, occurrences.GetValueOrDefault(u.Id, none), [.. marks[u.Id]], [.. upheld[u.Id]]);
            return new UnitTotal(u.Id, u.Name, UnitLevels.Of(u.RegionCode), u.Kind, (decimal)score.Routine, (decimal)score.Annual, (decimal)score.Combined);
        })];
    }
}
