using Platform.Notification.Module.Features.Documents;

namespace Platform.Notification.Module.Features.GetDocument;

/// <summary>One issued document the caller may read, with its HTML.</summary>
public sealed class GetDocumentHandler(DocumentReader documents)
{
    public async Task<Document> HandleAsync(GetDocumentRequest request, CancellationToken cancellationToken) =>
        DocumentReader.ToProto(await documents.FindVisibleAsync(request.DocumentId, cancellationToken), withHtml: true);
}
