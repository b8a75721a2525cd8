namespace Platform.Rectification.Module.Features.ListItemHistory;

/// <summary>An item's history in the order it happened, for those who may see the item.</summary>
public sealed class ListItemHistoryHandler(RectificationDbContext db, RectificationAccess access)
{
    public async Task<ListItemHistoryResponse> HandleAsync(ListItemHistoryRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        validator.ThrowIfInvalid();
        var item = await access.LoadAsync(db.Items.AsNoTracking(), "item_id", request.ItemId, cancellationToken);
        var (rows, next) = await db.History.AsNoTracking()
            .Where(e => e.ItemId == item.Id)
            .OrderBy(e => e.Sequence)
            .ToPageAsync(page, cancellationToken);
        var response = new ListItemHistoryResponse { NextPageToken = next };
        response.Entries.AddRange(rows.Select(e => e.ToProto()));
        return response;
    }
}
