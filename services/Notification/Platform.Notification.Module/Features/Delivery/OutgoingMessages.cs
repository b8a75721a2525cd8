using Microsoft.Extensions.Options;
using Contact = Platform.Notification.Module.Domain.Contact;

namespace Platform.Notification.Module.Features.Delivery;

/// <summary>
/// To whom a message goes: the people of a unit (liaison, leader or all), plus copies to the
/// node's discipline-inspection commission and organisation department when the rules say so.
/// </summary>
public sealed record Addressing(Guid UnitId, string Audience, bool CopyToDiscipline = false, bool CopyToOrganisation = false);

/// <summary>
/// Queues a message for its recipients: one delivery per (recipient, channel), added to the
/// caller's unit of work so the message, its deliveries and whatever caused them (a reminder
/// row, an inbox record of an event) commit together. The dispatcher sends them afterwards.
/// </summary>
public sealed class OutgoingMessages(
    NotificationDbContext db,
    TimeProvider clock,
    IOptions<EmailOptions> email,
    IOptions<DaprBindingOptions> dapr)
{
    /// <summary>Adds the message and its deliveries; returns how many deliveries.</summary>
    public async Task<int> QueueAsync(
        NotificationMessage message, IReadOnlyCollection<Addressing> recipients, CancellationToken cancellationToken, Guid? fanOutId = null)
    {
        db.Notifications.Add(message);
        var now = clock.GetUtcNow();
        var count = 0;
        void Add(Domain.Delivery delivery)
        {
            db.Deliveries.Add(delivery);
            count++;
        }
        foreach (var to in recipients)
        {
            Add(Domain.Delivery.ToUnitInbox(message.Id, to.UnitId, to.Audience, now, fanOutId));
        }
        var unitIds = recipients.Select(r => r.UnitId).Distinct().ToList();
        var copyRoles = new List<string>();
        if (recipients.Any(r => r.CopyToDiscipline))
        {
            copyRoles.Add(ContactRoles.Discipline);
        }
        if (recipients.Any(r => r.CopyToOrganisation))
        {
            copyRoles.Add(ContactRoles.Organisation);
        }

        var contacts = await db.Contacts.AsNoTracking()
            .Where(c => (c.UnitId != null && unitIds.Contains(c.UnitId.Value)) || copyRoles.Contains(c.Role))
            .ToListAsync(cancellationToken);
        var wanted = contacts.Where(c => c.UnitId is null || recipients.Any(r => r.UnitId == c.UnitId && Reaches(r.Audience, c.Role))).ToList();

        // Copy recipients read their copy in their own inbox.
        foreach (var copy in wanted.Where(c => !ContactRoles.IsUnitRole(c.Role) && c.UserId is not null))
        {
            Add(Domain.Delivery.ToUserInbox(message.Id, copy.UserId!, now, fanOutId));
        }

        // Inspection feedback never leaves the platform. Other case material goes to the contacts the
        // office named (people entitled to read it) and, as a reference only, to webhooks (WebhookChannel).
        if (MessageKinds.InboxOnly.Contains(message.Kind))
        {
            return count;
        }
        await QueueOutsideChannelsAsync(message, wanted, now, Add, fanOutId, cancellationToken);
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var subscription in subscriptions.Where(s => s.Wants(message.Kind)))
        {
            Add(Domain.Delivery.ToWebhook(message.Id, subscription.Id, subscription.Url, now, fanOutId));
        }
        return count;
    }

    private async Task QueueOutsideChannelsAsync(
        NotificationMessage message, List<Contact> contacts, DateTimeOffset now, Action<Domain.Delivery> add, Guid? fanOutId, CancellationToken cancellationToken)
    {
        var userIds = contacts.Where(c => c.UserId is not null).Select(c => c.UserId!).Distinct().ToList();
        var preferences = userIds.Count == 0
            ? []
            : await db.Preferences.AsNoTracking().Where(p => userIds.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, cancellationToken);
        foreach (var contact in contacts)
        {
            var choice = contact.UserId is not null && preferences.TryGetValue(contact.UserId, out var found) ? found : null;
            var firstAttempt = message.Urgent || choice is null ? now : choice.EarliestSend(now);
            if ((email.Value.Enabled || dapr.Value.EmailThroughDapr) && !string.IsNullOrWhiteSpace(contact.Email) && (choice?.Wants(message.Kind, Channels.Email) ?? true))
            {
                add(Domain.Delivery.ToAddress(message.Id, Channels.Email, contact.Email, contact.UserId, now, firstAttempt, fanOutId));
            }
            if (dapr.Value.Enabled && !string.IsNullOrWhiteSpace(contact.Mobile) && (choice?.Wants(message.Kind, Channels.Sms) ?? true))
            {
                add(Domain.Delivery.ToAddress(message.Id, Channels.Sms, contact.Mobile, contact.UserId, now, firstAttempt, fanOutId));
            }
        }
    }

    private static bool Reaches(string audience, string role) => audience switch
    {
        Audiences.All => true,
        Audiences.Liaison => role == ContactRoles.Liaison,
        Audiences.Leader => role == ContactRoles.Leader,
        _ => false,
    };
}
