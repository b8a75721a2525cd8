using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Files;
using Platform.Inspection.Module.Features.DownloadEvidence;
using Platform.Inspection.Module.Features.DownloadMissionDocument;

namespace Platform.Inspection.Module.Features.Downloads;

/// <summary>Evidence and report files as files, for browsers and Word.</summary>
internal static class InspectionDownloads
{
    public static IEndpointRouteBuilder MapInspectionDownloads(this IEndpointRouteBuilder endpoints)
    {
        var files = endpoints.MapGroup("/api/inspection/v1").RequireAuthorization().AddEndpointFilter<RestErrorFilter>();
        files.MapGet("/evidence/{evidenceId}/content", async (string evidenceId, EvidenceDownload download, CancellationToken cancellationToken) =>
        {
            var (evidence, content) = await download.ReadAsync(evidenceId, cancellationToken);
            return FileDownload.Attachment(content, evidence.ContentType, evidence.FileName);
        }).AuditRead(InspectionModule.ServiceName, "evidence", "evidenceId");
        files.MapGet("/documents/{documentId}/content", async (string documentId, MissionDocumentDownload download, CancellationToken cancellationToken) =>
        {
            var (document, content) = await download.ReadAsync(documentId, cancellationToken);
            return FileDownload.Attachment(content, document.ContentType, document.FileName);
        }).AuditRead(InspectionModule.ServiceName, "mission_report", "documentId");
        return endpoints;
    }
}
