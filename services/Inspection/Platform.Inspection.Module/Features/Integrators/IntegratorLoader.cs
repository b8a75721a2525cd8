using Microsoft.Extensions.Options;
using Platform.Inspection.Module.Features.Integrators;

namespace Platform.Inspection.Module.Features.Integrators;

/// <summary>An integrator by id, tracked for a change; shared by RevokeIntegrator and RotateIntegratorKey.</summary>
public sealed class IntegratorLoader(InspectionDbContext db)
{
    internal async Task<Domain.Integrator> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Integrators.SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Integrator {id} is not registered on this node.");
}
