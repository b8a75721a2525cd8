using System.Net.Mail;
using Platform.Notification.Module.Features.Directory;
using DomainContact = Platform.Notification.Module.Domain.Contact;

namespace Platform.Notification.Module.Features.UpsertContact;

/// <summary>Adding or changing a contact of the directory, kept by the office and operators.</summary>
public sealed class UpsertContactHandler(NotificationDbContext db, NotificationAccess access)
{
    public async Task<Contracts.Notification.V1.Contact> HandleAsync(UpsertContactRequest request, CancellationToken cancellationToken)
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
        return DirectoryMapping.ToProto(contact);
    }
}
