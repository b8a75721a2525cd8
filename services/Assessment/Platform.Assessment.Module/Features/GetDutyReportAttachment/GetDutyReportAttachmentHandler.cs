using Google.Protobuf;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Files;

namespace Platform.Assessment.Module.Features.GetDutyReportAttachment;

/// <summary>
/// A duty report's file: the office that reviews it and the reporter's own unit (its liaison and leader). Anyone
/// else who may read people (another unit, an observer) reads it as missing; a role that never reads people
/// (inspector, operator, auditor) is refused outright, as for every read of people.
/// </summary>
public sealed class GetDutyReportAttachmentHandler(AssessmentDbContext db, AssessmentAccess access, IFileStore files)
{
    public async Task<DutyReportFile> HandleAsync(GetDutyReportAttachmentRequest request, CancellationToken cancellationToken)
    {
        access.RequirePeopleReader();
        var validator = new RequestValidator();
        var entryId = validator.Id("entry_id", request.EntryId);
        var attachmentId = validator.Id("attachment_id", request.AttachmentId);
        validator.ThrowIfInvalid();
        var found = await db.DutyReportAttachments.AsNoTracking()
            .Where(a => a.Id == attachmentId && a.EntryId == entryId)
            .Join(db.RosterEntries.AsNoTracking(), a => a.EntryId, e => e.Id, (a, e) => new { Attachment = a, e.UnitId })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null || !MayRead(found.UnitId))
        {
            throw new NotFoundException($"Attachment {attachmentId} of roster entry {entryId} does not exist.");
        }
        var content = await files.ReadAsync(found.Attachment.Sha256, cancellationToken)
            ?? throw new PreconditionFailedException($"The file of attachment {attachmentId} is missing from the file store; restore it from backup.");
        return new DutyReportFile
        {
            FileName = found.Attachment.FileName,
            ContentType = found.Attachment.ContentType,
            Content = ByteString.CopyFrom(content),
        };
    }

    /// <summary>The office of the node, and the liaison or leader of the unit the report was made for.</summary>
    private bool MayRead(Guid unitId) =>
        access.Caller.IsInAnyRole(PlatformRoles.OfficeStaff)
        || (access.Caller.BelongsTo(unitId) && access.Caller.IsInAnyRole(PlatformRoles.UnitLiaison, PlatformRoles.Leader));
}
