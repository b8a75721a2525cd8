using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Hosting;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Node;
using InboxMessage = Platform.Notification.Module.Domain.InboxMessage;

namespace Platform.Notification.Module.Features.Delivery;

/// <summary>
/// Sends due deliveries in batches. Safe on several replicas: a batch is claimed with one
/// conditional update (claim token and a time limit), so two replicas never hold the same row;
/// a replica that dies releases its rows when the claim expires. Each channel of a batch runs
/// on its own, so a slow or failing channel never holds back the others; a failed delivery is
/// retried with exponential backoff and becomes a dead letter after the last attempt.
/// </summary>
public sealed partial class DeliveryDispatcher(
    IServiceScopeFactory scopes,
    IEnumerable<IDeliveryChannel> channels,
    IOptions<DeliveryOptions> options,
    IOptions<NodeOptions> node,
    TimeProvider clock,
    ILogger<DeliveryDispatcher> logger) : PeriodicWorker(logger)
{
    private readonly Dictionary<string, IDeliveryChannel> _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);

    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        while (await DispatchOnceAsync(cancellationToken) == options.Value.BatchSize)
        {
        }
    }

    /// <summary>Claims and sends one batch; returns how many deliveries it handled.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationDbContext>();
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var token = Guid.NewGuid();
        var claimedUntil = now + settings.ClaimDuration;

        var candidates = await db.Deliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .OrderBy(d => d.NextAttemptAt)
            .Select(d => d.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return 0;
        }
        // The condition is repeated: a row another replica claimed in between is not taken.
        await db.Deliveries
            .Where(d => candidates.Contains(d.Id) && d.Status == DeliveryStatus.Pending && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.ClaimToken, token).SetProperty(d => d.ClaimedUntil, claimedUntil), cancellationToken);
        var claimed = await db.Deliveries.Where(d => d.ClaimToken == token).ToListAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return candidates.Count;
        }

        var notificationIds = claimed.Select(d => d.NotificationId).Distinct().ToList();
        var messages = await db.Notifications.AsNoTracking().Where(n => notificationIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, cancellationToken);
        var subscriptionIds = claimed.Where(d => d.SubscriptionId is not null).Select(d => d.SubscriptionId!.Value).Distinct().ToList();
        var subscriptions = subscriptionIds.Count == 0
            ? []
            : await db.WebhookSubscriptions.AsNoTracking().Where(s => subscriptionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);

        await DeliverToInboxesAsync(db, claimed.Where(d => d.Channel == Channels.Inbox).ToList(), messages, cancellationToken);

        var outside = claimed.Where(d => d.Channel != Channels.Inbox)
            .Select(d => new OutgoingDelivery(d, messages[d.NotificationId], d.SubscriptionId is { } s ? subscriptions.GetValueOrDefault(s) : null))
            .GroupBy(d => d.Delivery.Channel)
            .ToList();
        var results = await Task.WhenAll(outside.Select(group => SendChannelAsync(group.Key, [.. group], cancellationToken)));
        var finished = clock.GetUtcNow();
        foreach (var (delivery, error) in results.SelectMany(r => r))
        {
            if (error is null)
            {
                delivery.MarkSent(finished);
            }
            else
            {
                delivery.MarkFailed(error, finished, settings.MaxAttempts, settings.FirstBackoff);
                if (delivery.Status == DeliveryStatus.Dead)
                {
                    LogDeadLetter(logger, delivery.Id, delivery.Channel, delivery.Attempts);
                }
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return claimed.Count;
    }

    /// <summary>The inbox copy is written in the same transaction that marks the delivery sent; its id is the delivery's, so it lands once.</summary>
    private async Task DeliverToInboxesAsync(
        NotificationDbContext db, List<Domain.Delivery> deliveries, Dictionary<Guid, NotificationMessage> messages, CancellationToken cancellationToken)
    {
        if (deliveries.Count == 0)
        {
            return;
        }
        var ids = deliveries.Select(d => d.Id).ToList();
        var existing = (await db.InboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).Select(m => m.Id).ToListAsync(cancellationToken)).ToHashSet();
        var now = clock.GetUtcNow();
        foreach (var delivery in deliveries)
        {
            if (!existing.Contains(delivery.Id))
            {
                db.InboxMessages.Add(InboxMessage.Deliver(delivery, messages[delivery.NotificationId], now, node.Value.Id));
            }
            delivery.MarkSent(now);
        }
    }

    private async Task<List<(Domain.Delivery Delivery, string? Error)>> SendChannelAsync(
        string channelName, List<OutgoingDelivery> deliveries, CancellationToken cancellationToken)
    {
        var results = new List<(Domain.Delivery, string?)>(deliveries.Count);
        if (!_channels.TryGetValue(channelName, out var channel))
        {
            results.AddRange(deliveries.Select(d => (d.Delivery, (string?)$"Channel '{channelName}' is not configured on this node.")));
            return results;
        }
        foreach (var delivery in deliveries)
        {
            try
            {
                await channel.SendAsync(delivery, cancellationToken);
                results.Add((delivery.Delivery, null));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogSendFailed(logger, delivery.Delivery.Id, channelName, ex.GetType().Name);
                results.Add((delivery.Delivery, $"{ex.GetType().Name}: {ex.Message}"));
            }
        }
        return results;
    }


    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} on {Channel} failed ({Error}); it will be retried")]
    private static partial void LogSendFailed(ILogger logger, Guid deliveryId, string channel, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId} on {Channel} is a dead letter after {Attempts} attempts")]
    private static partial void LogDeadLetter(ILogger logger, Guid deliveryId, string channel, int attempts);
}
