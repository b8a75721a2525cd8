using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Net;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Notification.V1;
using Platform.Notification.Module.Domain;
using Platform.Notification.Module.Infrastructure;
using DomainContact = Platform.Notification.Module.Domain.Contact;
using DomainSubscription = Platform.Notification.Module.Domain.WebhookSubscription;

namespace Platform.Notification.Module.Features.Directory;

/// <summary>The contact directory and the webhook subscriptions, kept by the office and operators.</summary>
public sealed class DirectoryFeature(NotificationDbContext db, NotificationAccess access, OutboundAddressGuard addresses)
{
    public async Task<Contracts.Notification.V1.Contact> UpsertContactAsync(UpsertContactRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var role = validator.OneOf("role", request.Role, ContactRoles.All);
        Guid? unitId = null;
        if (role is not null && ContactRoles.IsUnitRole(role))
        {
            unitId = validator.Id("unit_id", request.UnitId);
        }
        else if (!string.IsNullOrWhiteSpace(request.UnitId))
        {
            validator.Add("unit_id", "must be empty for the discipline-inspection commission and the organisation department");
        }
        var unitName = unitId is null ? request.UnitName.Trim() : validator.Name("unit_name", request.UnitName, 200);
        var name = validator.Name("name", request.Name, 100);
        var email = validator.Optional("email", request.Email, 254);
        if (email is not null && !MailAddress.TryCreate(email, out _))
        {
            validator.Add("email", $"'{email}' is not an e-mail address");
        }
        var mobile = validator.Optional("mobile", request.Mobile, 20);
        if (mobile is not null && !(mobile.Length is >= 5 and <= 20 && mobile.All(c => char.IsAsciiDigit(c) || c is '+' or '-')))
        {
            validator.Add("mobile", $"'{mobile}' is not a telephone number");
        }
        var userId = validator.Optional("user_id", request.UserId, 100);
        Guid? contactId = string.IsNullOrWhiteSpace(request.ContactId) ? null : validator.Id("contact_id", request.ContactId);
        validator.ThrowIfInvalid();

        DomainContact contact;
        if (contactId is { } id)
        {
            contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
                ?? throw new NotFoundException($"Contact {id} does not exist.");
            contact.Change(unitId, unitName, role!, userId, name, email, mobile, access.Now());
        }
        else
        {
            contact = DomainContact.Create(unitId, unitName, role!, userId, name, email, mobile, access.Now());
            db.Contacts.Add(contact);
        }
        await db.SaveChangesAsync(cancellationToken);
        return ToProto(contact);
    }

    public async Task<ListContactsResponse> ListContactsAsync(ListContactsRequest request, CancellationToken cancellationToken)
    {
        access.RequireOfficeOrOperator();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        Guid? unitId = string.IsNullOrWhiteSpace(request.UnitId) ? null : validator.Id("unit_id", request.UnitId);
        string? role = string.IsNullOrWhiteSpace(request.Role) ? null : validator.OneOf("role", request.Role, ContactRoles.All);
        validator.ThrowIfInvalid();
        var query = db.Contacts.AsNoTracking();
        if (unitId is not null)
        {
            query = query.Where(c => c.UnitId == unitId);
        }
        if (role is not null)
        {
            query = query.Where(c => c.Role == role);
        }
        var (contacts, next) = await query.OrderBy(c => c.Id).ToPageAsync(page, cancellationToken);
        var response = new ListContactsResponse { NextPageToken = next };
        response.Contacts.AddRange(contacts.Select(ToProto));
        return response;
    }

    public async Task<DeleteContactResponse> DeleteContactAsync(DeleteContactRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var id = validator.Id("contact_id", request.ContactId);
        validator.ThrowIfInvalid();
        // Loaded and removed, not deleted in bulk: the deletion goes through SaveChanges and so into the audit trail.
        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Contact {id} does not exist.");
        db.Contacts.Remove(contact);
        await db.SaveChangesAsync(cancellationToken);
        return new DeleteContactResponse();
    }

    public async Task<Contracts.Notification.V1.WebhookSubscription> CreateSubscriptionAsync(CreateWebhookSubscriptionRequest request, CancellationToken cancellationToken)
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
        return ToProto(subscription);
    }

    public async Task<ListWebhookSubscriptionsResponse> ListSubscriptionsAsync(ListWebhookSubscriptionsRequest request, CancellationToken cancellationToken)
    {
        access.RequireOfficeOrOperator();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        validator.ThrowIfInvalid();
        var (subscriptions, next) = await db.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.Id).ToPageAsync(page, cancellationToken);
        var response = new ListWebhookSubscriptionsResponse { NextPageToken = next };
        response.Subscriptions.AddRange(subscriptions.Select(ToProto));
        return response;
    }

    public async Task<DeleteWebhookSubscriptionResponse> DeleteSubscriptionAsync(DeleteWebhookSubscriptionRequest request, CancellationToken cancellationToken)
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

    private static Contracts.Notification.V1.Contact ToProto(DomainContact c) => new()
    {
        Id = c.Id.ToString(),
        UnitId = c.UnitId?.ToString() ?? string.Empty,
        UnitName = c.UnitName,
        Role = c.Role,
        UserId = c.UserId ?? string.Empty,
        Name = c.Name,
        Email = c.Email ?? string.Empty,
        Mobile = c.Mobile ?? string.Empty,
        UpdatedAt = c.Updated.At.ToWire(),
        UpdatedBy = c.Updated.UserId,
    };

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

    private static Contracts.Notification.V1.WebhookSubscription ToProto(DomainSubscription s)
    {
        var proto = new Contracts.Notification.V1.WebhookSubscription
        {
            Id = s.Id.ToString(),
            Name = s.Name,
            Url = s.Url,
            CreatedAt = s.Created.At.ToWire(),
            CreatedBy = s.Created.UserId,
        };
        proto.Kinds.AddRange(s.KindList);
        return proto;
    }
}
