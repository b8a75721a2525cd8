using Platform.Assessment.Module.Features.Indicators;
using Platform.BuildingBlocks.Auth;
using IndicatorSystem = Platform.Contracts.Assessment.V1.IndicatorSystem;

namespace Platform.Assessment.Module.Features.SetIndicatorSystem;

/// <summary>The office sets a year's indicator tree and evaluation shares, replacing what it set before.</summary>
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
            system.Replace(nodes, shares, audit.Now());
        }
        await db.SaveChangesAsync(cancellationToken);
        return system.ToProto();
    }
}
