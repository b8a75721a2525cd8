using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Notification.V1;
using Platform.Notification.Module.Domain;
using Platform.Notification.Module.Infrastructure;

namespace Platform.Notification.Module.Features.Delivery;

/// <summary>Delivery status, dead letters and their replay, and fan-out progress.</summary>
public sealed class DeliveriesFeature(NotificationDbContext db, NotificationAccess access, TimeProvider clock)
{
    private static readonly IReadOnlyDictionary<string, DeliveryStatus> Statuses = new Dictionary<string, DeliveryStatus>(StringComparer.Ordinal)
    {
        ["pending"] = DeliveryStatus.Pending,
        ["sent"] = DeliveryStatus.Sent,
        ["dead"] = DeliveryStatus.Dead,
    };

    public async Task<ListDeliveriesResponse> ListAsync(ListDeliveriesRequest request, CancellationToken cancellationToken)
    {
        access.RequireOfficeOrOperator();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        DeliveryStatus? status = string.IsNullOrWhiteSpace(request.Status) ? null : validator.OneOf("status", request.Status, Statuses);
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
        response.Deliveries.AddRange(deliveries.Select(d => ToProto(
            d, messages.GetValueOrDefault(d.NotificationId)?.Kind, messages.GetValueOrDefault(d.NotificationId)?.Title, hidden.Contains(d.NotificationId))));
        return response;
    }

    /// <summary>Sends a dead letter again from its first attempt; only dead letters can be replayed.</summary>
    public async Task<Contracts.Notification.V1.Delivery> ReplayAsync(ReplayDeadLetterRequest request, CancellationToken cancellationToken)
    {
        access.RequireOfficeOrOperator();
        var validator = new RequestValidator();
        var id = validator.Id("delivery_id", request.DeliveryId);
        validator.ThrowIfInvalid();
        var delivery = await db.Deliveries.FirstOrDefaultAsync(d => d.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Delivery {id} does not exist.");
        if (delivery.Status != DeliveryStatus.Dead)
        {
            throw new PreconditionFailedException($"Delivery {id} is {StatusName(delivery.Status)}; only dead letters can be replayed.");
        }
        delivery.Replay(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        var message = await db.Notifications.AsNoTracking().FirstAsync(n => n.Id == delivery.NotificationId, cancellationToken);
        var hidden = access.HidesCaseTitles && (await NotificationAccess.CaseMaterialAmongAsync(db, [message.Id], cancellationToken)).Count > 0;
        return ToProto(delivery, message.Kind, message.Title, hidden);
    }

    public async Task<Contracts.Notification.V1.FanOut> GetFanOutAsync(GetFanOutProgressRequest request, CancellationToken cancellationToken)
    {
        access.RequireOfficeOrOperator();
        var validator = new RequestValidator();
        var id = validator.Id("fan_out_id", request.FanOutId);
        validator.ThrowIfInvalid();
        var fanOut = await db.FanOuts.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Fan-out {id} does not exist.");
        return await ProgressAsync(db, fanOut, cancellationToken);
    }

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

    private static string StatusName(DeliveryStatus status) => Statuses.First(s => s.Value == status).Key;

    /// <summary>
    /// For a caller who reads no case material (<paramref name="caseHidden"/>), a delivery of case
    /// material shows its channel, state and ids only: not the title, not the unit, person or
    /// address it went to (which units got feedback or an escalation is case material too), and of
    /// an error only its type, since a provider's message may quote the address. A webhook's URL
    /// stays: it is the operator's own subscription and names no unit.
    /// </summary>
    private static Contracts.Notification.V1.Delivery ToProto(Domain.Delivery d, string? kind, string? title, bool caseHidden) => new()
    {
        Id = d.Id.ToString(),
        NotificationId = d.NotificationId.ToString(),
        Channel = d.Channel,
        Recipient = caseHidden && d.Channel != Channels.Webhook ? string.Empty : d.Address ?? d.UserId ?? $"{d.UnitId}/{d.Audience}",
        Status = StatusName(d.Status),
        Attempts = d.Attempts,
        NextAttemptAt = d.Status == DeliveryStatus.Pending ? d.NextAttemptAt.ToWire() : string.Empty,
        LastError = caseHidden && d.Channel != Channels.Webhook ? ErrorType(d.LastError) : d.LastError ?? string.Empty,
        SentAt = d.SentAt?.ToWire() ?? string.Empty,
        Kind = kind ?? string.Empty,
        Title = caseHidden ? string.Empty : title ?? string.Empty,
    };

    /// <summary>The exception type the dispatcher writes before ": " in a delivery's error.</summary>
    private static string ErrorType(string? error) =>
        error is null ? string.Empty : error.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? error[..colon] : string.Empty;
}
