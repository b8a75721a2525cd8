using Platform.BuildingBlocks.Kernel.Time;
using RectificationItem = Platform.Contracts.Rectification.V1.RectificationItem;

namespace Platform.Rectification.Module.Features.VerifyItem;

/// <summary>The office verifies the item and closes it (验收销号).</summary>
public sealed class VerifyItemHandler(RectificationDbContext db, RectificationAccess access, TimeProvider clock)
{
    public async Task<RectificationItem> HandleAsync(VerifyItemRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        validator.Id("item_id", request.ItemId);
        var note = validator.Optional("note", request.Note, 2000) ?? string.Empty;
        validator.ThrowIfInvalid();

        var item = await access.LoadAsync(db.Items, "item_id", request.ItemId, cancellationToken);
        var stamp = access.Now();
        db.History.Add(item.Verify(note, clock.TodayInChina(), stamp));
        await db.SaveChangesAsync(cancellationToken);
        return item.ToProto();
    }
}
