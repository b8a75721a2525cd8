using Platform.BuildingBlocks.Kernel.Time;
using RectificationItem = Platform.Contracts.Rectification.V1.RectificationItem;

namespace Platform.Rectification.Module.Features.AssignResponsibility;

/// <summary>The office sets an item's responsible person and, optionally, its deadline.</summary>
public sealed class AssignResponsibilityHandler(RectificationDbContext db, RectificationAccess access, TimeProvider clock)
{
    public async Task<RectificationItem> HandleAsync(AssignResponsibilityRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        validator.Id("item_id", request.ItemId);
        var person = validator.Required("responsible_person", request.ResponsiblePerson, 100);
        DateOnly? deadline = string.IsNullOrWhiteSpace(request.Deadline) ? null : validator.Date("deadline", request.Deadline);
        var note = validator.Optional("note", request.Note, 1000) ?? string.Empty;
        if (deadline is { } date && date != default && date < clock.TodayInChina())
        {
            validator.Add("deadline", $"must not be in the past, got {date:yyyy-MM-dd}");
        }
        validator.ThrowIfInvalid();

        var item = await access.LoadAsync(db.Items, "item_id", request.ItemId, cancellationToken);
        db.History.Add(item.AssignResponsibility(person, deadline, note, access.Now()));
        await db.SaveChangesAsync(cancellationToken);
        return item.ToProto();
    }
}
