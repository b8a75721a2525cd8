using Platform.Notification.Module.Features.Directory;

namespace Platform.Notification.Module.Features.ListWebhookSubscriptions;

/// <summary>The webhook subscriptions, for the office and operators.</summary>
public sealed class ListWebhookSubscriptionsHandler(NotificationDbContext db, NotificationAccess access)
{
    public async Task<ListWebhookSubscriptionsResponse> HandleAsync(ListWebhookSubscriptionsRequest request, CancellationToken cancellationToken)
    {
        access.RequireOfficeOrOperator();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        validator.ThrowIfInvalid();
        var (subscriptions, next) = await db.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.Id).ToPageAsync(page, cancellationToken);
        var response = new ListWebhookSubscriptionsResponse { NextPageToken = next };
        response.Subscriptions.AddRange(subscriptions.Select(DirectoryMapping.ToProto));
        return response;
    }
}
