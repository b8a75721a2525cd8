using Platform.BuildingBlocks.Net;
using Platform.Notification.Module.Features.Directory;
using DomainSubscription = Platform.Notification.Module.Domain.WebhookSubscription;

namespace Platform.Notification.Module.Features.CreateWebhookSubscription;

/// <summary>A webhook subscription, for the office and operators; the URL must reach a public address.</summary>
public sealed class CreateWebhookSubscriptionHandler(NotificationDbContext db, NotificationAccess access, OutboundAddressGuard addresses)
{
    public async Task<Contracts.Notification.V1.WebhookSubscription> HandleAsync(CreateWebhookSubscriptionRequest request, CancellationToken cancellationToken)
    {
        access.RequireOfficeOrOperator();
        var validator = new RequestValidator();
        var name = validator.Name("name", request.Name, 100);
        var url = validator.Required("url", request.Url, 500);
        if (url.Length > 0)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                validator.Add("url", "must be an absolute http or https URL");
            }
            else if (await RefusedTargetAsync(uri, cancellationToken) is { } refused)
            {
                validator.Add("url", refused);
            }
        }
        var secret = request.Secret ?? string.Empty;
        if (secret.Length is < 16 or > 200)
        {
            validator.Add("secret", "must be 16 to 200 characters");
        }
        for (var i = 0; i < request.Kinds.Count; i++)
        {
            if (!MessageKinds.All.Contains(request.Kinds[i]))
            {
                validator.Add($"kinds[{i}]", $"must be one of {string.Join(", ", MessageKinds.All)}");
            }
        }
        validator.ThrowIfInvalid();
        var subscription = DomainSubscription.Create(name, url, secret, request.Kinds.Distinct(), access.Now());
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return DirectoryMapping.ToProto(subscription);
    }

    /// <summary>Why the node may not call this URL, or null; checked again at each send, since DNS may change.</summary>
    private async Task<string?> RefusedTargetAsync(Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            await addresses.ResolveAllowedAsync(uri.IdnHost, cancellationToken);
            return null;
        }
        catch (OutboundAddressRefusedException ex)
        {
            return $"must reach a public address: {ex.Message} (Notification:Webhooks:AllowedNetworks)";
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            return $"host {uri.IdnHost} cannot be resolved: {ex.Message}";
        }
    }
}
