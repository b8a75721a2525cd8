using Microsoft.Extensions.Options;
using Platform.Inspection.Module.Features.Integrators;

namespace Platform.Inspection.Module.Features.RevokeIntegrator;

/// <summary>The node operator revokes an integrator, or only its previous key.</summary>
public sealed class RevokeIntegratorHandler(InspectionDbContext db, InspectionAccess access, IntegratorLoader integrators)
{
    public async Task<Contracts.Inspection.V1.Integrator> HandleAsync(RevokeIntegratorRequest request, CancellationToken cancellationToken)
    {
        access.RequireOperator();
        var validator = new RequestValidator();
        var id = validator.Id("integrator_id", request.IntegratorId);
        validator.ThrowIfInvalid();
        var integrator = await integrators.FindAsync(id, cancellationToken);
        if (request.PreviousKeyOnly)
        {
            integrator.RevokePreviousKey(access.Now().At);
        }
        else
        {
            integrator.Revoke(access.Now());
        }
        await db.SaveChangesAsync(cancellationToken);
        return integrator.ToProto();
    }
}
