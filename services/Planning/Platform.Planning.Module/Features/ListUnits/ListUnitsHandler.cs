using Platform.Planning.Module.Features.Units;

namespace Platform.Planning.Module.Features.ListUnits;

/// <summary>The node's units by kind, group and name; other units' names are public, their contacts are not.</summary>
public sealed class ListUnitsHandler(PlanningDbContext db, PlanningAccess access)
{
    public async Task<ListUnitsResponse> HandleAsync(ListUnitsRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        UnitKind? kind = string.IsNullOrEmpty(request.Kind) ? null : validator.OneOf("kind", request.Kind, UnitFieldRules.Kinds);
        Guid? groupId = string.IsNullOrEmpty(request.GroupId) ? null : validator.Id("group_id", request.GroupId);
        var regionPrefix = string.IsNullOrWhiteSpace(request.RegionCode) ? null : UnitFieldRules.RegionPrefix(validator, "region_code", request.RegionCode);
        validator.ThrowIfInvalid();

        List<Guid>? members = null;
        if (groupId is { } g)
        {
            var group = await db.UnitGroups.AsNoTracking().SingleOrDefaultAsync(x => x.Id == g, cancellationToken)
                ?? throw new NotFoundException($"Unit group {g} does not exist on this node.");
            members = group.UnitIds;
        }
        var text = string.IsNullOrWhiteSpace(request.Query) ? null : request.Query.Trim();
        var query = db.Units.AsNoTracking().WhereIf(kind, k => u => u.Kind == k);
        if (members is not null)
        {
            query = query.Where(u => members.Contains(u.Id));
        }
        if (regionPrefix is not null)
        {
            query = query.Where(u => u.RegionCode.StartsWith(regionPrefix));
        }
        if (text is not null)
        {
            query = query.Where(u => u.Name.Contains(text) || u.ShortName.Contains(text));
        }
        var (units, next) = await query.OrderBy(u => u.Name).ThenBy(u => u.Id).ToPageAsync(page, cancellationToken);
        var groups = await db.UnitGroups.AsNoTracking().ToListAsync(cancellationToken);
        var response = new ListUnitsResponse { NextPageToken = next };
        // Other units' names are public on the node; their contacts are not.
        response.Units.AddRange(units.Select(u => u.ToProto(groups.Where(x => x.UnitIds.Contains(u.Id)).Select(x => x.Id), access.CanSee(u.Id))));
        return response;
    }
}
