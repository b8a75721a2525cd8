namespace Platform.Planning.Module.Features.CreateUnitGroup;

/// <summary>Adding a named group of units (for example all county governments).</summary>
public sealed class CreateUnitGroupHandler(PlanningDbContext db, PlanningAccess access)
{
    public async Task<Contracts.Planning.V1.UnitGroup> HandleAsync(CreateUnitGroupRequest request, CancellationToken cancellationToken)
    {
        access.Caller.RequireAnyRole(BuildingBlocks.Auth.PlatformRoles.OfficeStaff, BuildingBlocks.Auth.PlatformRoles.NodeOperator);
        var validator = new RequestValidator();
        var name = validator.Name("name", request.Name, 200);
        var aliases = request.Aliases.Select((a, i) => validator.Name($"aliases[{i}]", a, 200)).ToList();
        var unitIds = request.UnitIds.Select((u, i) => validator.Id($"unit_ids[{i}]", u)).ToList();
        validator.ThrowIfInvalid();

        var known = await db.Units.Where(u => unitIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        var unknown = unitIds.Select((id, i) => (id, i)).Where(x => !known.Contains(x.id)).ToList();
        if (unknown.Count > 0)
        {
            throw new ValidationException(unknown.Select(x => new FieldViolation($"unit_ids[{x.i}]", $"unit {x.id} is not a unit of this node")).ToList());
        }
        if (await db.UnitGroups.AnyAsync(g => g.Name == name, cancellationToken))
        {
            throw new AlreadyExistsException($"A unit group named '{name}' already exists on this node.");
        }
        var group = Domain.UnitGroup.Create(name, aliases, unitIds, access.Now());
        db.UnitGroups.Add(group);
        await db.SaveChangesAsync(cancellationToken);
        return group.ToProto();
    }
}
