using Platform.BuildingBlocks.Kernel.Deadlines;

namespace Platform.Rectification.Module.Features.ListExtensions;

/// <summary>Extension requests of the items the caller may see, newest first.</summary>
public sealed class ListExtensionsHandler(RectificationDbContext db, RectificationAccess access)
{
    public async Task<ListExtensionsResponse> HandleAsync(ListExtensionsRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        Guid? itemId = string.IsNullOrEmpty(request.ItemId) ? null : validator.Id("item_id", request.ItemId);
        Guid? unitId = string.IsNullOrEmpty(request.UnitId) ? null : validator.Id("unit_id", request.UnitId);
        ExtensionStatus? status = string.IsNullOrEmpty(request.Status) ? null : validator.OneOf("status", request.Status, ExtensionStatuses.ByWireName);
        validator.ThrowIfInvalid();

        // Only extensions of items the caller may see: the visibility rule lives on the items.
        var visibleItems = access.Visible(db.Items.AsNoTracking()).Select(i => i.Id);
        var (rows, next) = await db.Extensions.AsNoTracking()
            .Where(e => visibleItems.Contains(e.ItemId))
            .WhereIf(itemId, i => e => e.ItemId == i)
            .WhereIf(unitId, u => e => e.UnitId == u)
            .WhereIf(status, s => e => e.Status == s)
            .OrderByDescending(e => e.Id)
            .ToPageAsync(page, cancellationToken);
        var response = new ListExtensionsResponse { NextPageToken = next };
        response.Extensions.AddRange(rows.Select(e => e.ToProto()));
        return response;
    }
}
