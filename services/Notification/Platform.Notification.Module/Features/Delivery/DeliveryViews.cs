using Platform.BuildingBlocks.Grpc;

namespace Platform.Notification.Module.Features.Delivery;

/// <summary>Deliveries and fan-outs on the wire, shared by the delivery handlers and SendBulletin.</summary>
internal static class DeliveryViews
{
    public static readonly IReadOnlyDictionary<string, DeliveryStatus> Statuses = new Dictionary<string, DeliveryStatus>(StringComparer.Ordinal)
    {
        ["pending"] = DeliveryStatus.Pending,
        ["sent"] = DeliveryStatus.Sent,
        ["dead"] = DeliveryStatus.Dead,
    };

    /// <summary>Counts per status in one grouped query on the (fan_out_id, status) index.</summary>
    public static async Task<Contracts.Notification.V1.FanOut> ProgressAsync(NotificationDbContext db, Domain.FanOut fanOut, CancellationToken cancellationToken)
    {
        var counts = await db.Deliveries.AsNoTracking()
            .Where(d => d.FanOutId == fanOut.Id)
            .GroupBy(d => d.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        return new Contracts.Notification.V1.FanOut
        {
            Id = fanOut.Id.ToString(),
            NotificationId = fanOut.NotificationId.ToString(),
            DocumentId = fanOut.DocumentId?.ToString() ?? string.Empty,
            Total = fanOut.Total,
            Pending = counts.GetValueOrDefault(DeliveryStatus.Pending),
            Sent = counts.GetValueOrDefault(DeliveryStatus.Sent),
            Dead = counts.GetValueOrDefault(DeliveryStatus.Dead),
            CreatedAt = fanOut.Created.At.ToWire(),
            CreatedBy = fanOut.Created.UserId,
        };
    }

    public static string StatusName(DeliveryStatus status) => Statuses.First(s => s.Value == status).Key;

    /// <summary>
    /// For a caller who reads no case material (<paramref name="caseHidden"/>), a delivery of case
    /// material shows its channel, state and ids only: not the title, not the unit, person or
    /// address it went to (which units got feedback or an escalation is case material too), and of
    /// an error only its type, since a provider's message may quote the address. A channel whose
    /// recipient names no one (<see cref="Channels.RecipientRevealsAddressee"/>) keeps it.
    /// </summary>
    public static Contracts.Notification.V1.Delivery ToProto(Domain.Delivery d, string? kind, string? title, bool caseHidden)
    {
        var hideRecipient = caseHidden && Channels.RecipientRevealsAddressee(d.Channel);
        return new()
        {
            Id = d.Id.ToString(),
            NotificationId = d.NotificationId.ToString(),
            Channel = d.Channel,
            Recipient = hideRecipient ? string.Empty : d.Address ?? d.UserId ?? $"{d.UnitId}/{d.Audience}",
            Status = StatusName(d.Status),
            Attempts = d.Attempts,
            NextAttemptAt = d.Status == DeliveryStatus.Pending ? d.NextAttemptAt.ToWire() : string.Empty,
            LastError = hideRecipient ? ErrorType(d.LastError) : d.LastError ?? string.Empty,
            SentAt = d.SentAt?.ToWire() ?? string.Empty,
            Kind = kind ?? string.Empty,
            Title = caseHidden ? string.Empty : title ?? string.Empty,
        };
    }

    /// <summary>The exception type the dispatcher writes before ": " in a delivery's error.</summary>
    private static string ErrorType(string? error) =>
        error is null ? string.Empty : error.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? error[..colon] : string.Empty;
}
