namespace Platform.Notification.Module.Domain;

public static class Channels
{
    public const string Inbox = "inbox";
    public const string Email = "email";
    public const string Sms = "sms";
    public const string Webhook = "webhook";

    public static readonly IReadOnlyDictionary<string, string> All =
        new Dictionary<string, string>(StringComparer.Ordinal) { [Inbox] = Inbox, [Email] = Email, [Sms] = Sms, [Webhook] = Webhook };

    /// <summary>The channels a user chooses between; the inbox always carries everything.</summary>
    public static readonly IReadOnlyDictionary<string, string> Optional =
        new Dictionary<string, string>(StringComparer.Ordinal) { [Email] = Email, [Sms] = Sms };

    // A webhook's recipient is the operator's own subscription URL and names no unit or person.
    private static readonly IReadOnlySet<string> RecipientsNamingNoOne = new HashSet<string>(StringComparer.Ordinal) { Webhook };

    /// <summary>
    /// Whether a delivery's recipient on <paramref name="channel"/> (a unit, a person, their address)
    /// tells who received case material, so callers who read none must not see it. A channel not
    /// listed here (one added later) hides its recipients until it says otherwise.
    /// </summary>
    public static bool RecipientRevealsAddressee(string channel) => !RecipientsNamingNoOne.Contains(channel);
}

public enum DeliveryStatus
{
    Pending = 0,
    Sent = 1,
    Dead = 2,
}

/// <summary>
/// One message to one recipient on one channel. The dispatcher claims pending rows whose
/// next attempt is due, sends, and either marks them sent or schedules a retry with backoff;
/// after the last attempt the row is dead (a dead letter an operator can replay).
/// </summary>
public sealed class Delivery
{
    private Delivery()
    {
    }

    public Guid Id { get; private set; }

    public Guid NotificationId { get; private set; }

    public string Channel { get; private set; } = string.Empty;

    /// <summary>Inbox: the unit (with an audience) or the user. Other channels: the address.</summary>
    public Guid? UnitId { get; private set; }

    public string? Audience { get; private set; }

    public string? UserId { get; private set; }

    /// <summary>E-mail address, mobile number or webhook URL.</summary>
    public string? Address { get; private set; }

    public Guid? SubscriptionId { get; private set; }

    public Guid? FanOutId { get; private set; }

    public DeliveryStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The dispatcher run that holds the row; with <see cref="ClaimedUntil"/> it keeps replicas apart.</summary>
    public Guid? ClaimToken { get; private set; }

    public DateTimeOffset? ClaimedUntil { get; private set; }

    public static Delivery ToUnitInbox(Guid notificationId, Guid unitId, string audience, DateTimeOffset at, Guid? fanOutId = null) =>
        New(notificationId, Channels.Inbox, at, at, fanOutId, unitId: unitId, audience: audience);

    public static Delivery ToUserInbox(Guid notificationId, string userId, DateTimeOffset at, Guid? fanOutId = null) =>
        New(notificationId, Channels.Inbox, at, at, fanOutId, audience: Audiences.User, userId: userId);

    public static Delivery ToAddress(Guid notificationId, string channel, string address, string? userId, DateTimeOffset at, DateTimeOffset firstAttemptAt, Guid? fanOutId = null) =>
        New(notificationId, channel, at, firstAttemptAt, fanOutId, userId: userId, address: address);

    public static Delivery ToWebhook(Guid notificationId, Guid subscriptionId, string url, DateTimeOffset at, Guid? fanOutId = null) =>
        New(notificationId, Channels.Webhook, at, at, fanOutId, address: url, subscriptionId: subscriptionId);

    public void MarkSent(DateTimeOffset at)
    {
        Status = DeliveryStatus.Sent;
        Attempts++;
        SentAt = at;
        LastError = null;
        Release();
    }

    /// <summary>Schedules the next attempt after exponential backoff, or gives up after <paramref name="maxAttempts"/>.</summary>
    public void MarkFailed(string error, DateTimeOffset at, int maxAttempts, TimeSpan firstBackoff)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        if (Attempts >= maxAttempts)
        {
            Status = DeliveryStatus.Dead;
        }
        else
        {
            NextAttemptAt = at + firstBackoff * Math.Pow(2, Attempts - 1);
        }
        Release();
    }

    /// <summary>An operator sends a dead letter again: a fresh round of attempts, starting now.</summary>
    public void Replay(DateTimeOffset at)
    {
        Status = DeliveryStatus.Pending;
        Attempts = 0;
        NextAttemptAt = at;
        Release();
    }

    private void Release()
    {
        ClaimToken = null;
        ClaimedUntil = null;
    }

    private static Delivery New(
        Guid notificationId, string channel, DateTimeOffset at, DateTimeOffset firstAttemptAt, Guid? fanOutId,
        Guid? unitId = null, string? audience = null, string? userId = null, string? address = null, Guid? subscriptionId = null) => new()
    {
        Id = Guid.CreateVersion7(),
        NotificationId = notificationId,
        Channel = channel,
        UnitId = unitId,
        Audience = audience,
        UserId = userId,
        Address = address,
        SubscriptionId = subscriptionId,
        FanOutId = fanOutId,
        Status = DeliveryStatus.Pending,
        NextAttemptAt = firstAttemptAt,
        CreatedAt = at,
    };
}

/// <summary>A bulletin sent to many recipients; progress is counted from its deliveries.</summary>
public sealed class FanOut
{
    private FanOut()
    {
    }

    public Guid Id { get; private set; }

    public Guid NotificationId { get; private set; }

    public Guid? DocumentId { get; private set; }

    public int Total { get; private set; }

    public BuildingBlocks.Persistence.Audit Created { get; private set; } = null!;

    /// <summary>The id is chosen first: the deliveries written with the fan-out carry it.</summary>
    public static FanOut Create(Guid id, Guid notificationId, Guid? documentId, int total, BuildingBlocks.Persistence.Audit created) => new()
    {
        Id = id,
        NotificationId = notificationId,
        DocumentId = documentId,
        Total = total,
        Created = created,
    };
}
