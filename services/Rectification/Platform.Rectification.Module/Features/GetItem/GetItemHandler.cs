using RectificationItem = Platform.Contracts.Rectification.V1.RectificationItem;

namespace Platform.Rectification.Module.Features.GetItem;

/// <summary>One item, for those who may see it; another unit's item reads as missing.</summary>
public sealed class GetItemHandler(RectificationDbContext db, RectificationAccess access)
{
    public async Task<RectificationItem> HandleAsync(GetItemRequest request, CancellationToken cancellationToken) =>
        (await access.LoadAsync(db.Items.AsNoTracking(), "item_id", request.ItemId, cancellationToken)).ToProto();
}
