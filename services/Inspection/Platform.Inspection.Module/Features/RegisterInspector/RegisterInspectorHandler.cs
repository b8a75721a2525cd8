namespace Platform.Inspection.Module.Features.RegisterInspector;

/// <summary>Adding an expert to the inspector pool (督察专员人才库), with the unit they come from.</summary>
public sealed class RegisterInspectorHandler(InspectionDbContext db, InspectionAccess access)
{
    public async Task<Contracts.Inspection.V1.Inspector> HandleAsync(RegisterInspectorRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var name = validator.Name("name", request.Name, 100);
        var userId = validator.Required("user_id", request.UserId, 100);
        if (request.Expertise.Count == 0)
        {
            validator.Add("expertise", $"must name at least one of {string.Join(", ", Expertise.All.Keys)}");
        }
        var expertise = request.Expertise.Select((e, i) => validator.OneOf($"expertise[{i}]", e, Expertise.All)).ToList();
        Guid? homeUnitId = string.IsNullOrWhiteSpace(request.HomeUnitId) ? null : validator.Id("home_unit_id", request.HomeUnitId);
        var homeUnitName = validator.Optional("home_unit_name", request.HomeUnitName, 200) ?? string.Empty;
        if (homeUnitId is not null && homeUnitName.Length == 0)
        {
            validator.Add("home_unit_name", "must name the home unit when home_unit_id is given");
        }
        validator.ThrowIfInvalid();

        if (await db.Inspectors.AnyAsync(i => i.UserId == userId, cancellationToken))
        {
            throw new AlreadyExistsException($"User {userId} is already in the inspector pool.");
        }
        var inspector = Domain.Inspector.Register(name, userId, expertise, homeUnitId, homeUnitName, access.Now());
        db.Inspectors.Add(inspector);
        await db.SaveChangesAsync(cancellationToken);
        return inspector.ToProto();
    }
}
