using Platform.Notification.Module.Features.Delivery;

namespace Platform.Notification.Module.Features.ReplayDeadLetter;

/// <summary>Sends a dead letter again from its first attempt; only dead letters can be replayed.</summary>
public sealed class ReplayDeadLetterHandler(NotificationDbContext db, NotificationAccess access, TimeProvider clock)
{
    public async Task<Contracts.Notification.V1.Delivery> HandleAsync(ReplayDeadLetterRequest request, CancellationToken cancellationToken)
    {
        access.RequireOfficeOrOperator();
        var validator = new RequestValidator();
        var id = validator.Id("delivery_id", request.DeliveryId);
        validator.ThrowIfInvalid();
        var delivery = await db.Deliveries.FirstOrDefaultAsync(d => d.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Delivery {id} does not exist.");
        if (delivery.Status != DeliveryStatus.Dead)
        {
            throw new PreconditionFailedException($"Delivery {id} is {DeliveryViews.StatusName(delivery.Status)}; only dead letters can be replayed.");
        }
        delivery.Replay(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        var message = await db.Notifications.AsNoTracking().FirstAsync(n => n.Id == delivery.NotificationId, cancellationToken);
        var hidden = access.HidesCaseTitles && (await NotificationAccess.CaseMaterialAmongAsync(db, [message.Id], cancellationToken)).Count > 0;
        return DeliveryViews.ToProto(delivery, message.Kind, message.Title, hidden);
    }
}
