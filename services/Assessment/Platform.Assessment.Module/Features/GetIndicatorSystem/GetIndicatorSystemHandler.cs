using Platform.Assessment.Module.Features.Indicators;
using Platform.BuildingBlocks.Auth;
using IndicatorSystem = Platform.Contracts.Assessment.V1.IndicatorSystem;

namespace Platform.Assessment.Module.Features.GetIndicatorSystem;

/// <summary>
/// A year's indicator tree. The evaluated units read it too (they are scored against it), and so
/// do the organisation department's observers; operators and auditors have no business with it.
/// </summary>
public sealed class GetIndicatorSystemHandler(AssessmentDbContext db, AuditStamper audit)
{
    public async Task<IndicatorSystem> HandleAsync(GetIndicatorSystemRequest request, CancellationToken cancellationToken)
    {
        audit.Caller.RequireAnyRole(PlatformRoles.OfficeStaff, PlatformRoles.Observer, PlatformRoles.UnitLiaison, PlatformRoles.Leader);
        var validator = new RequestValidator();
        IndicatorYears.Check(validator, request.Year);
        validator.ThrowIfInvalid();
        var system = await db.IndicatorSystems.AsNoTracking().SingleOrDefaultAsync(s => s.Year == request.Year, cancellationToken)
            ?? throw new NotFoundException($"No indicator system has been set for {request.Year}.");
        return system.ToProto();
    }
}
