using Google.Protobuf;
using Platform.BuildingBlocks.Files;
using Platform.Contracts.Events.Planning;
using Platform.Planning.Module.Features.Assignments;
using Platform.Planning.Module.Features.Figures;
using Platform.Planning.Module.Features.Schedule;

namespace Platform.Planning.Module.Features.GetAttachment;

/// <summary>A report's attached file; another unit's file reads as missing.</summary>
public sealed class GetAttachmentHandler(PlanningDbContext db, PlanningAccess access, IFileStore files)
{
    public async Task<ExportedFile> HandleAsync(GetAttachmentRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var id = validator.Id("attachment_id", request.AttachmentId);
        validator.ThrowIfInvalid();
        var attachment = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (attachment is null || !access.CanSee(attachment.UnitId))
        {
            // Another unit's file reads exactly like a missing one: its existence is not told.
            throw new NotFoundException($"Attachment {id} does not exist on this node.");
        }
        var content = await files.ReadAsync(attachment.Sha256, cancellationToken)
            ?? throw new PreconditionFailedException($"The file of attachment {id} is missing from the file store; restore it from backup.");
        return new ExportedFile
        {
            FileName = attachment.FileName,
            ContentType = attachment.ContentType,
            Content = ByteString.CopyFrom(content),
            Sha256 = attachment.Sha256,
        };
    }
}
