namespace Platform.Notification.Module.Features.DeleteWebhookSubscription;

/// <summary>Removing a webhook subscription, for the office and operators.</summary>
public sealed class DeleteWebhookSubscriptionHandler(NotificationDbContext db, NotificationAccess access)
{
    public async Task<DeleteWebhookSubscriptionResponse> HandleAsync(DeleteWebhookSubscriptionRequest request, CancellationToken cancellationToken)
    {
        access.RequireOfficeOrOperator();
        var validator = new RequestValidator();
        var id = validator.Id("subscription_id", request.SubscriptionId);
        validator.ThrowIfInvalid();
        var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Webhook subscription {id} does not exist.");
        db.WebhookSubscriptions.Remove(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return new DeleteWebhookSubscriptionResponse();
    }
}
