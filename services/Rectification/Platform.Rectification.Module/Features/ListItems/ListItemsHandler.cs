namespace Platform.Rectification.Module.Features.ListItems;

/// <summary>The items the caller may see, filtered and in the order asked for (by deadline unless told).</summary>
public sealed class ListItemsHandler(RectificationDbContext db, RectificationAccess access)
{
    public async Task<ListItemsResponse> HandleAsync(ListItemsRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        var filter = ItemFilter.Parse(validator, request);
        var order = ItemOrder.Parse(validator, request.Sort);
        validator.ThrowIfInvalid();

        var (rows, next) = await order.Apply(filter.Apply(access.Visible(db.Items.AsNoTracking())))
            .ToPageAsync(page, cancellationToken);
        var response = new ListItemsResponse { NextPageToken = next };
        response.Items.AddRange(rows.Select(i => i.ToProto()));
        return response;
    }
}
