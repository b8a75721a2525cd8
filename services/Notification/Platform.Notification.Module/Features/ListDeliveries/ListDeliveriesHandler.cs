using Platform.Notification.Module.Features.Delivery;

namespace Platform.Notification.Module.Features.ListDeliveries;

/// <summary>Delivery status and dead letters, for the office and operators; case titles hidden from operators.</summary>
public sealed class ListDeliveriesHandler(NotificationDbContext db, NotificationAccess access)
{
    public async Task<ListDeliveriesResponse> HandleAsync(ListDeliveriesRequest request, CancellationToken cancellationToken)
    {
        access.RequireOfficeOrOperator();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        DeliveryStatus? status = string.IsNullOrWhiteSpace(request.Status) ? null : validator.OneOf("status", request.Status, DeliveryViews.Statuses);
        string? channel = string.IsNullOrWhiteSpace(request.Channel) ? null : validator.OneOf("channel", request.Channel, Channels.All);
        Guid? notificationId = string.IsNullOrWhiteSpace(request.NotificationId) ? null : validator.Id("notification_id", request.NotificationId);
        validator.ThrowIfInvalid();

        var query = db.Deliveries.AsNoTracking();
        if (status is not null)
        {
            query = query.Where(d => d.Status == status);
        }
        if (channel is not null)
        {
            query = query.Where(d => d.Channel == channel);
        }
        if (notificationId is not null)
        {
            query = query.Where(d => d.NotificationId == notificationId);
        }
        var (deliveries, next) = await query.OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).ToPageAsync(page, cancellationToken);
        var ids = deliveries.Select(d => d.NotificationId).Distinct().ToList();
        var messages = await db.Notifications.AsNoTracking().Where(n => ids.Contains(n.Id))
            .Select(n => new { n.Id, n.Kind, n.Title }).ToDictionaryAsync(n => n.Id, cancellationToken);
        var hidden = access.HidesCaseTitles ? await NotificationAccess.CaseMaterialAmongAsync(db, ids, cancellationToken) : [];
        var response = new ListDeliveriesResponse { NextPageToken = next };
        response.Deliveries.AddRange(deliveries.Select(d => DeliveryViews.ToProto(
            d, messages.GetValueOrDefault(d.NotificationId)?.Kind, messages.GetValueOrDefault(d.NotificationId)?.Title, hidden.Contains(d.NotificationId))));
        return response;
    }
}
