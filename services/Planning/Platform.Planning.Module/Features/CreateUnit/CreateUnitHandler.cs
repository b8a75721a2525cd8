using Platform.Planning.Module.Features.Units;

namespace Platform.Planning.Module.Features.CreateUnit;

/// <summary>Adding a unit of the node (a government one level down or one of the node's own departments).</summary>
public sealed class CreateUnitHandler(PlanningDbContext db, PlanningAccess access)
{
    public async Task<Contracts.Planning.V1.Unit> HandleAsync(CreateUnitRequest request, CancellationToken cancellationToken)
    {
        access.Caller.RequireAnyRole(BuildingBlocks.Auth.PlatformRoles.OfficeStaff, BuildingBlocks.Auth.PlatformRoles.NodeOperator);
        var validator = new RequestValidator();
        var fields = UnitFieldRules.ValidateFields(validator, "", request.Name, request.ShortName, request.Kind, request.RegionCode, request.Aliases, request.Liaison);
        validator.ThrowIfInvalid();

        if (await db.Units.AnyAsync(u => u.Name == fields.Name, cancellationToken))
        {
            throw new AlreadyExistsException($"A unit named '{fields.Name}' already exists on this node.");
        }
        var stamp = access.Now();
        var unit = Domain.Unit.Create(fields.Name, fields.ShortName, fields.Kind, fields.RegionCode, fields.Aliases, fields.Liaison, stamp);
        db.Units.Add(unit);
        db.AddIntegrationEvent(UnitSavedEvent.Of(unit, stamp));
        await db.SaveChangesAsync(cancellationToken);
        return unit.ToProto();
    }
}
