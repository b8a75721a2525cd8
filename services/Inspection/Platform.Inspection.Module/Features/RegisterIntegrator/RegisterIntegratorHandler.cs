using Microsoft.Extensions.Options;
using Platform.Inspection.Module.Features.Integrators;

namespace Platform.Inspection.Module.Features.RegisterIntegrator;

/// <summary>The node operator registers an outside system and hands it its first key.</summary>
public sealed class RegisterIntegratorHandler(InspectionDbContext db, InspectionAccess access, IOptions<IntegratorOptions> options)
{
    public async Task<RegisteredIntegrator> HandleAsync(RegisterIntegratorRequest request, CancellationToken cancellationToken)
    {
        access.RequireOperator();
        var validator = new RequestValidator();
        var name = validator.Name("name", request.Name, 200);
        if (request.AllowedSources.Count == 0)
        {
            validator.Add("allowed_sources", $"must name at least one of {string.Join(", ", ClueSources.All.Keys)}");
        }
        var sources = request.AllowedSources.Select((s, i) => validator.OneOf($"allowed_sources[{i}]", s, ClueSources.All)).ToList();
        validator.ThrowIfInvalid();
        if (await db.Integrators.AnyAsync(i => i.Name == name, cancellationToken))
        {
            throw new AlreadyExistsException($"An integrator named {name} is already registered.");
        }
        var (integrator, key) = Domain.Integrator.Register(name, sources, options.Value.KeyLifetime, access.Now());
        db.Integrators.Add(integrator);
        await db.SaveChangesAsync(cancellationToken);
        return new RegisteredIntegrator { Integrator = integrator.ToProto(), Key = key };
    }
}
