using Platform.Notification.Module.Features.Delivery;
using Platform.Notification.Module.Features.Inbox;

using Platform.Notification.Module.Features.NoticesDown;
using Platform.Notification.Module.Features.SendNoticeDown;

namespace Platform.Notification.Module.Features.ForwardNotice;

/// <summary>
/// The office passes a notice from above that reached its own inbox (a 督察通知 for its region, a bulletin that named
/// no unit) on to its units: the same kind, title and text, queued to each unit's inbox for the audience chosen.
/// </summary>
public sealed class ForwardNoticeHandler(NotificationDbContext db, NotificationAccess access, InboxReader inbox, OutgoingMessages outgoing)
{
    public async Task<ForwardNoticeResponse> HandleAsync(ForwardNoticeRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var messageId = validator.Id("message_id", request.MessageId);
        var unitIds = new HashSet<Guid>();
        if (request.UnitIds.Count is 0 or > SendNoticeDownHandler.MaxUnits)
        {
            validator.Add("unit_ids", $"must name 1 to {SendNoticeDownHandler.MaxUnits} units, got {request.UnitIds.Count}");
        }
        else
        {
            for (var i = 0; i < request.UnitIds.Count; i++)
            {
                unitIds.Add(validator.Id($"unit_ids[{i}]", request.UnitIds[i]));
            }
        }
        var audience = string.IsNullOrWhiteSpace(request.Audience) ? Audiences.All : validator.OneOf("audience", request.Audience, Audiences.UnitAudiences);
        validator.ThrowIfInvalid();

        var message = await inbox.FindVisibleAsync(messageId.ToString(), cancellationToken);
        if (message.Audience != Audiences.Office)
        {
            throw new PreconditionFailedException("Only a notice from above in the office's own inbox is forwarded; this message is a unit's.");
        }
        var copy = NotificationMessage.Create(message.Kind, message.Title, message.Body, message.SubjectId, access.Now());
        var queued = await outgoing.QueueAsync(copy, [.. unitIds.Select(u => new Addressing(u, audience!))], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new ForwardNoticeResponse { NotificationId = copy.Id.ToString(), Deliveries = queued };
    }
}
