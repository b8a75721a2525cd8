using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Inspection.V1;
using Platform.Inspection.Module.Domain;
using Platform.Inspection.Module.Infrastructure;

namespace Platform.Inspection.Module.Features.Integrators;

/// <summary>The node operator registers outside systems and revokes their keys.</summary>
public sealed class IntegratorsFeature(InspectionDbContext db, InspectionAccess access, IOptions<IntegratorOptions> options)
{
    public async Task<RegisteredIntegrator> RegisterAsync(RegisterIntegratorRequest request, CancellationToken cancellationToken)
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

    public async Task<Contracts.Inspection.V1.Integrator> RevokeAsync(RevokeIntegratorRequest request, CancellationToken cancellationToken)
    {
        access.RequireOperator();
        var validator = new RequestValidator();
        var id = validator.Id("integrator_id", request.IntegratorId);
        validator.ThrowIfInvalid();
        var integrator = await FindAsync(id, cancellationToken);
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

    /// <summary>A new key under the same integrator id and name; the old one works for the grace period.</summary>
    public async Task<RegisteredIntegrator> RotateKeyAsync(RotateIntegratorKeyRequest request, CancellationToken cancellationToken)
    {
        access.RequireOperator();
        var validator = new RequestValidator();
        var id = validator.Id("integrator_id", request.IntegratorId);
        // Range-checked before it becomes a TimeSpan, which a huge number would overflow.
        var graceHours = request.HasGraceHours ? validator.Range("grace_hours", request.GraceHours, 0, 30 * 24) : (int?)null;
        validator.ThrowIfInvalid();
        var grace = graceHours is { } hours ? TimeSpan.FromHours(hours) : options.Value.RotationGracePeriod;
        var integrator = await FindAsync(id, cancellationToken);
        var key = integrator.RotateKey(options.Value.KeyLifetime, grace, access.Now().At);
        await db.SaveChangesAsync(cancellationToken);
        return new RegisteredIntegrator { Integrator = integrator.ToProto(), Key = key };
    }

    private async Task<Domain.Integrator> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Integrators.SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Integrator {id} is not registered on this node.");

    public async Task<ListIntegratorsResponse> ListAsync(ListIntegratorsRequest request, CancellationToken cancellationToken)
    {
        access.RequireOperator();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        validator.ThrowIfInvalid();
        var (rows, next) = await db.Integrators.AsNoTracking().OrderBy(i => i.Id).ToPageAsync(page, cancellationToken);
        var response = new ListIntegratorsResponse { NextPageToken = next };
        response.Integrators.AddRange(rows.Select(i => i.ToProto()));
        return response;
    }
}
