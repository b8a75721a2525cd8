using Platform.Assessment.Module.Features.Indicators;
using Platform.BuildingBlocks.Auth;
using IndicatorSystem = Platform.Contracts.Assessment.V1.IndicatorSystem;

namespace Platform.Assessment.Module.Features.SetIndicatorSystem;

/// <summary>
/// The office sets a year's indicator tree and evaluation shares, replacing what it set before. A leaf the office has
/// marked or a unit has appealed must stay a leaf with the same scoring method, so the marks and appeals keep meaning
/// what they meant; weights, names and the rest of the tree may change (scores are computed from the tree when asked).
/// </summary>
public sealed class SetIndicatorSystemHandler(AssessmentDbContext db, AuditStamper audit)
{
    public async Task<IndicatorSystem> HandleAsync(SetIndicatorSystemRequest request, CancellationToken cancellationToken)
    {
        audit.Caller.RequireAnyRole(PlatformRoles.OfficeStaff);
        var validator = new RequestValidator();
        IndicatorYears.Check(validator, request.Year);
        var shares = IndicatorTreeRules.Shares(validator, request.RoutineShare, request.AnnualShare);
        var nodes = IndicatorTreeRules.Validate(validator, request.Indicators);
        validator.ThrowIfInvalid();

        var system = await db.IndicatorSystems.SingleOrDefaultAsync(s => s.Year == request.Year, cancellationToken);
        if (system is null)
        {
            system = new Domain.IndicatorSystem(request.Year, nodes, shares, audit.Now());
            db.IndicatorSystems.Add(system);
        }
        else
        {
            await RequireMarkedLeavesKeptAsync(system, nodes, cancellationToken);
            system.Replace(nodes, shares, audit.Now());
        }
        await db.SaveChangesAsync(cancellationToken);
        return system.ToProto();
    }

    private async Task RequireMarkedLeavesKeptAsync(Domain.IndicatorSystem system, IReadOnlyList<IndicatorNode> nodes, CancellationToken cancellationToken)
    {
        var marks = await db.RecordedScores.AsNoTracking().Where(s => s.Year == system.Year)
            .GroupBy(s => s.IndicatorCode).Select(g => new { Code = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Code, g => g.Count, cancellationToken);
        var appeals = await db.Appeals.AsNoTracking().Where(a => a.Year == system.Year)
            .GroupBy(a => a.IndicatorCode).Select(g => new { Code = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Code, g => g.Count, cancellationToken);
        var before = system.Indicators.Where(n => n.Scoring is not null).ToDictionary(n => n.Code, n => n.Scoring);
        var after = nodes.Where(n => n.Scoring is not null).ToDictionary(n => n.Code, n => n.Scoring);
        var broken = marks.Keys.Union(appeals.Keys).Order(StringComparer.Ordinal)
            .Where(code => !after.TryGetValue(code, out var scoring) || scoring != before.GetValueOrDefault(code))
            .Select(code => $"{code} ({marks.GetValueOrDefault(code)} marks, {appeals.GetValueOrDefault(code)} appeals)")
            .ToList();
        if (broken.Count > 0)
        {
            throw new PreconditionFailedException(
                $"The {system.Year} tree has marks or appeals on {string.Join(", ", broken)}; the new tree must keep each of them as a leaf with the same scoring method.");
        }
    }
}
