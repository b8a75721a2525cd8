using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Files;

namespace Platform.Inspection.Module.Features.DownloadMissionDocument;

/// <summary>
/// Downloading a generated document (the mission report) over REST. It has no request message, so it
/// is not a gRPC handler; the route in InspectionDownloads calls it.
/// </summary>
public sealed class MissionDocumentDownload(InspectionDbContext db, InspectionAccess access, IFileStore files)
{
    /// <summary>A stored document's bytes, for the office and observers.</summary>
    public async Task<(MissionDocument Document, byte[] Content)> ReadAsync(string documentId, CancellationToken cancellationToken)
    {
        access.Caller.RequireAnyRole(PlatformRoles.OfficeStaff, PlatformRoles.Observer);
        var validator = new RequestValidator();
        var id = validator.Id("document_id", documentId);
        validator.ThrowIfInvalid();
        var document = await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Document {id} does not exist on this node.");
        var content = await files.ReadAsync(document.Sha256, cancellationToken)
            ?? throw new NotFoundException($"The file of document {id} is missing from the file store.");
        return (document, content);
    }
}
