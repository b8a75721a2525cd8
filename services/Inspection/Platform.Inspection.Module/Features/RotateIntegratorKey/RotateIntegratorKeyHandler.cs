using Microsoft.Extensions.Options;
using Platform.Inspection.Module.Features.Integrators;

namespace Platform.Inspection.Module.Features.RotateIntegratorKey;

/// <summary>Rotating an integrator's key.</summary>
public sealed class RotateIntegratorKeyHandler(InspectionDbContext db, InspectionAccess access, IntegratorLoader integrators, IOptions<IntegratorOptions> options)
{
    /// <summary>A new key under the same integrator id and name; the old one works for the grace period.</summary>
    public async Task<RegisteredIntegrator> HandleAsync(RotateIntegratorKeyRequest request, CancellationToken cancellationToken)
    {
        access.RequireOperator();
        var validator = new RequestValidator();
        var id = validator.Id("integrator_id", request.IntegratorId);
        // Range-checked before it becomes a TimeSpan, which a huge number would overflow.
        var graceHours = request.HasGraceHours ? validator.Range("grace_hours", request.GraceHours, 0, 30 * 24) : (int?)null;
        validator.ThrowIfInvalid();
        var grace = graceHours is { } hours ? TimeSpan.FromHours(hours) : options.Value.RotationGracePeriod;
        var integrator = await integrators.FindAsync(id, cancellationToken);
        var key = integrator.RotateKey(options.Value.KeyLifetime, grace, access.Now().At);
        await db.SaveChangesAsync(cancellationToken);
        return new RegisteredIntegrator { Integrator = integrator.ToProto(), Key = key };
    }
}
