using Platform.BuildingBlocks.Kernel.Time;
using RectificationItem = Platform.Contracts.Rectification.V1.RectificationItem;

namespace Platform.Rectification.Module.Features.SendBackItem;

/// <summary>The office sends the item back with reasons and a new deadline (its own, or the policy's).</summary>
public sealed class SendBackItemHandler(RectificationDbContext db, RectificationAccess access, DeadlinePolicy deadlines, TimeProvider clock)
{
    public async Task<RectificationItem> HandleAsync(SendBackItemRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        validator.Id("item_id", request.ItemId);
        var reason = validator.Required("reason", request.Reason, 2000);
        var today = clock.TodayInChina();
        var requested = DeadlinePolicy.OptionalNewDeadline(validator, request.NewDeadline, today);
        validator.ThrowIfInvalid();

        var item = await access.LoadAsync(db.Items, "item_id", request.ItemId, cancellationToken);
        var stamp = access.Now();
        var newDeadline = requested ?? deadlines.AfterSendBack(today);
        db.History.Add(item.SendBack(reason, newDeadline, stamp));
        await db.SaveChangesAsync(cancellationToken);
        return item.ToProto();
    }
}
