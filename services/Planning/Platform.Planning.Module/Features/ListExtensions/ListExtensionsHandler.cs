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
        Guid? unitId = string.IsNullOrEmpty(request.UnitId) ? null : validator.Id("unit_id", request.UnitId);
        ExtensionStatus? status = string.IsNullOrEmpty(request.Status) ? null : validator.OneOf("status", request.Status, ExtensionStatuses.ByWireName);
        validator.ThrowIfInvalid();
        unitId = access.VisibleUnitFilter(unitId);

        var (rows, next) = await db.Extensions.AsNoTracking()
            .WhereIf(planId, p => e => e.PlanId == p)
            .WhereIf(unitId, u => e => e.UnitId == u)
            .WhereIf(status, s => e => e.Status == s)
            .OrderByDescending(e => e.Id)
            .ToPageAsync(page, cancellationToken);
        var response = new ListExtensionsResponse { NextPageToken = next };
        response.Extensions.AddRange(rows.Select(e => e.ToProto()));
        return response;
    }
}
