using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Files;
using Platform.Notification.Module.Features.GetDocumentFile;

namespace Platform.Notification.Module.Features.Downloads;

/// <summary>The .docx as a file for browsers and Word; the transcoded GetDocumentFile carries base64 in JSON.</summary>
internal static class NotificationDownloads
{
    public static IEndpointRouteBuilder MapNotificationDownloads(this IEndpointRouteBuilder endpoints)
    {
        var downloads = endpoints.MapGroup("/api/notification/v1").RequireAuthorization().AddEndpointFilter<RestErrorFilter>();
        downloads.MapGet("/documents/{documentId}/docx", async (string documentId, GetDocumentFileHandler documentFile, CancellationToken cancellationToken) =>
        {
            var file = await documentFile.HandleAsync(new GetDocumentFileRequest { DocumentId = documentId }, cancellationToken);
            return FileDownload.Attachment(file.Content.ToByteArray(), file.ContentType, file.FileName);
        }).AuditRead(NotificationModule.ServiceName, "document", "documentId");
        return endpoints;
    }
}
