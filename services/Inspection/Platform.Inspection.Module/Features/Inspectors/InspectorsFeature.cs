using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Inspection.V1;
using Platform.Inspection.Module.Domain;
using Platform.Inspection.Module.Infrastructure;

namespace Platform.Inspection.Module.Features.Inspectors;

/// <summary>The inspector pool (督察专员人才库): experts, the unit they come from, whether they are available.</summary>
public sealed class InspectorsFeature(InspectionDbContext db, InspectionAccess access)
{
    private static readonly Dictionary<string, bool> Availability = new(StringComparer.OrdinalIgnoreCase) { ["true"] = true, ["false"] = false };

    public async Task<Contracts.Inspection.V1.Inspector> RegisterAsync(RegisterInspectorRequest request, CancellationToken cancellationToken)
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

    public async Task<Contracts.Inspection.V1.Inspector> SetAvailabilityAsync(SetInspectorAvailabilityRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var id = validator.Id("inspector_id", request.InspectorId);
        validator.ThrowIfInvalid();
        var inspector = await db.Inspectors.SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Inspector {id} is not in the pool.");
        inspector.SetAvailability(request.Available, access.Now());
        await db.SaveChangesAsync(cancellationToken);
        return inspector.ToProto();
    }

    public async Task<ListInspectorsResponse> ListAsync(ListInspectorsRequest request, CancellationToken cancellationToken)
    {
        access.Caller.RequireAnyRole(BuildingBlocks.Auth.PlatformRoles.OfficeStaff, BuildingBlocks.Auth.PlatformRoles.Observer, BuildingBlocks.Auth.PlatformRoles.Inspector);
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        var expertise = string.IsNullOrEmpty(request.Expertise) ? null : validator.OneOf("expertise", request.Expertise, Expertise.All);
        bool? available = string.IsNullOrEmpty(request.Available) ? null : validator.OneOf("available", request.Available, Availability);
        validator.ThrowIfInvalid();

        var query = db.Inspectors.AsNoTracking().WhereIf(available, a => i => i.Available == a);
        if (expertise is not null)
        {
            query = query.Where(i => i.Expertise.Contains(expertise));
        }
        var (rows, next) = await query.OrderBy(i => i.Id).ToPageAsync(page, cancellationToken);
        var response = new ListInspectorsResponse { NextPageToken = next };
        response.Inspectors.AddRange(rows.Select(i => i.ToProto()));
        return response;
    }
}
