using Platform.BuildingBlocks.Kernel.Deadlines;
using Platform.BuildingBlocks.Kernel.Time;

namespace Platform.Rectification.Module.Features.RequestExtension;

/// <summary>Extension request (延期申请): the unit asks before its deadline with a reason; one request waits at a time.</summary>
public sealed class RequestExtensionHandler(RectificationDbContext db, RectificationAccess access, TimeProvider clock)
{
    public async Task<Contracts.Rectification.V1.ExtensionRequest> HandleAsync(RequestExtensionRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Id("item_id", request.ItemId);
        var requested = validator.Date("requested_deadline", request.RequestedDeadline);
        var reason = validator.Required("reason", request.Reason, 2000);
        validator.ThrowIfInvalid();

        var item = await access.LoadAsync(db.Items, "item_id", request.ItemId, cancellationToken);
        access.RequireActingFor(item);
        if (await db.Extensions.AnyAsync(e => e.ItemId == item.Id && e.Status == ExtensionStatus.Pending, cancellationToken))
        {
            throw new AlreadyExistsException("This item already has an extension request waiting for a decision.");
        }
        var stamp = access.Now();
        var extension = Domain.ExtensionRequest.File(item, requested, reason, clock.TodayInChina(), stamp);
        db.Extensions.Add(extension);
        db.History.Add(item.Record(stamp, HistoryActions.ExtensionRequested, $"申请延期至{requested:yyyy-MM-dd}：{reason}"));
        await db.SaveChangesAsync(cancellationToken);
        return extension.ToProto();
    }
}
