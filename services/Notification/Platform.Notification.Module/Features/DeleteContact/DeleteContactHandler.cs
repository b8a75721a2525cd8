namespace Platform.Notification.Module.Features.DeleteContact;

/// <summary>Removing a contact from the directory, for the office and operators.</summary>
public sealed class DeleteContactHandler(NotificationDbContext db, NotificationAccess access)
{
    public async Task<DeleteContactResponse> HandleAsync(DeleteContactRequest request, CancellationToken cancellationToken)
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
}
