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
        var filter = ExtensionListFilter.Read(validator, request.UnitId, request.Status);
        validator.ThrowIfInvalid();

        // Only extensions of items the caller may see: the visibility rule lives on the items.
        var visibleItems = access.Visible(db.Items.AsNoTracking()).Select(i => i.Id);
        var extensions = db.Extensions.AsNoTracking()
            .Where(e => visibleItems.Contains(e.ItemId))
            .WhereIf(itemId, i => e => e.ItemId == i);
        var (rows, next) = await filter.Apply(extensions).ToPageAsync(page, cancellationToken);
        return new ListExtensionsResponse { NextPageToken = next, Extensions = { rows.Select(e => e.ToProto()) } };
    }
}
