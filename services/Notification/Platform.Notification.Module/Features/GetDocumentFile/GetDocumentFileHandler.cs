using Google.Protobuf;
using Platform.BuildingBlocks.Files;
using Platform.Notification.Module.Features.Documents;

namespace Platform.Notification.Module.Features.GetDocumentFile;

/// <summary>The .docx of one issued document the caller may read, from the file store.</summary>
public sealed class GetDocumentFileHandler(DocumentReader documents, IFileStore files)
{
    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public async Task<DocumentFile> HandleAsync(GetDocumentFileRequest request, CancellationToken cancellationToken)
    {
        var document = await documents.FindVisibleAsync(request.DocumentId, cancellationToken);
        var content = await files.ReadAsync(document.DocxSha256, cancellationToken)
            ?? throw new PreconditionFailedException($"The file of document {document.Number} is missing from the file store.");
        return new DocumentFile
        {
            FileName = $"{document.Number} {document.Title}.docx",
            ContentType = DocxContentType,
            Content = ByteString.CopyFrom(content),
        };
    }
}
