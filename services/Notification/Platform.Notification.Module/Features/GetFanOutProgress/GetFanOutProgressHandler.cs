using Platform.Notification.Module.Features.Delivery;

namespace Platform.Notification.Module.Features.GetFanOutProgress;

/// <summary>How far the dispatcher got with a bulletin's deliveries, for the office and operators.</summary>
public sealed class GetFanOutProgressHandler(NotificationDbContext db, NotificationAccess access)
{
    public async Task<Contracts.Notification.V1.FanOut> HandleAsync(GetFanOutProgressRequest request, CancellationToken cancellationToken)
    {
        access.RequireOfficeOrOperator();
        var validator = new RequestValidator();
        var id = validator.Id("fan_out_id", request.FanOutId);
        validator.ThrowIfInvalid();
        var fanOut = await db.FanOuts.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Fan-out {id} does not exist.");
        return await DeliveryViews.ProgressAsync(db, fanOut, cancellationToken);
    }
}
