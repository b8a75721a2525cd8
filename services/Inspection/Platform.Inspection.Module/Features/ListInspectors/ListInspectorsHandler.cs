namespace Platform.Inspection.Module.Features.ListInspectors;

/// <summary>The inspector pool, by expertise and availability.</summary>
public sealed class ListInspectorsHandler(InspectionDbContext db, InspectionAccess access)
{
    private static readonly Dictionary<string, bool> Availability = new(StringComparer.OrdinalIgnoreCase) { ["true"] = true, ["false"] = false };

    public async Task<ListInspectorsResponse> HandleAsync(ListInspectorsRequest request, CancellationToken cancellationToken)
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
