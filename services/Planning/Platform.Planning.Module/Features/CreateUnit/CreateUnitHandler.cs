using Platform.Planning.Module.Features.Units;

namespace Platform.Planning.Module.Features.CreateUnit;

/// <summary>Adding a unit of the node (a government one level down or one of the node's own departments).</summary>
public sealed class CreateUnitHandler(PlanningDbContext db, PlanningAccess access)
{
    public async Task<Contracts.Planning.V1.Unit> HandleAsync(CreateUnitRequest request, CancellationToken cancellationToken)
    {
        access.Caller.RequireAnyRole(BuildingBlocks.Auth.PlatformRoles.OfficeStaff, BuildingBlocks.Auth.PlatformRoles.NodeOperator);
        var unit = await AddAsync(request, "", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return unit.ToProto();
    }

    /// <summary>
    /// Checks a new unit and adds it to the context, unsaved, so a caller (a unit proposal of an import) can save it
    /// with its own changes; <paramref name="prefix"/> names the request field the unit came in.
    /// </summary>
    internal async Task<Domain.Unit> AddAsync(CreateUnitRequest request, string prefix, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var fields = UnitFieldRules.ValidateFields(validator, prefix, request.Name, request.ShortName, request.Kind, request.RegionCode, request.Aliases, request.Liaison);
        validator.ThrowIfInvalid();

        if (await db.Units.AnyAsync(u => u.Name == fields.Name, cancellationToken))
        {
            throw new AlreadyExistsException($"A unit named '{fields.Name}' already exists on this node.");
        }
        var stamp = access.Now();
        var unit = Domain.Unit.Create(fields.Name, fields.ShortName, fields.Kind, fields.RegionCode, fields.Aliases, fields.Liaison, stamp);
        db.Units.Add(unit);
        db.AddIntegrationEvent(UnitSavedEvent.Of(unit, stamp));
        return unit;
    }
}
