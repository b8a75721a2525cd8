namespace Platform.Planning.Module.Features.ListUnitGroups;

/// <summary>The node's unit groups by name.</summary>
public sealed class ListUnitGroupsHandler(PlanningDbContext db, PlanningAccess access)
{
    public async Task<ListUnitGroupsResponse> HandleAsync(ListUnitGroupsRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        validator.ThrowIfInvalid();
        var (groups, next) = await db.UnitGroups.AsNoTracking().OrderBy(g => g.Name).ThenBy(g => g.Id).ToPageAsync(page, cancellationToken);
        var response = new ListUnitGroupsResponse { NextPageToken = next };
        response.Groups.AddRange(groups.Select(g => g.ToProto()));
        return response;
    }
}
