using Microsoft.EntityFrameworkCore;
using Platform.Assessment.Module.Domain;
using Platform.Assessment.Module.Infrastructure;
using Platform.BuildingBlocks.Errors;

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
        return ScoreSheet.Compute(system, unit, facts, marks, showConfidential);
    }
}
