using Platform.BuildingBlocks.Kernel.Deadlines;
using Platform.Planning.Module.Features.Assignments;

namespace Platform.Planning.Module.Features.ListExtensions;

/// <summary>Extension requests by plan, unit and status; a unit sees its own only.</summary>
public sealed class ListExtensionsHandler(PlanningDbContext db, PlanningAccess access)
{
    public async Task<ListExtensionsResponse> HandleAsync(ListExtensionsRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        Guid? planId = string.IsNullOrEmpty(request.PlanId) ? null : validator.Id("plan_id", request.PlanId);
        var filter = ExtensionListFilter.Read(validator, request.UnitId, request.Status);
        validator.ThrowIfInvalid();
        filter = filter with { UnitId = access.VisibleUnitFilter(filter.UnitId) };

        var (rows, next) = await filter
            .Apply(db.Extensions.AsNoTracking().WhereIf(planId, p => e => e.PlanId == p))
            .ToPageAsync(page, cancellationToken);
        return new ListExtensionsResponse { NextPageToken = next, Extensions = { rows.Select(e => e.ToProto()) } };
    }
}
