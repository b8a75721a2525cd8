using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Files;
using Platform.Rectification.Module.Features.Evidence;
using Platform.Rectification.Module.Features.ExportLedger;

namespace Platform.Rectification.Module.Features.Downloads;

/// <summary>
/// Files as files for browsers and spreadsheet programs: the ledger workbook (the transcoded ExportLedger
/// returns base64 in JSON) and the evidence files a unit attached to its reports.
/// </summary>
internal static class RectificationDownloads
{
    public static IEndpointRouteBuilder MapRectificationDownloads(this IEndpointRouteBuilder endpoints)
    {
        var downloads = endpoints.MapGroup("/api/rectification/v1").RequireAuthorization().AddEndpointFilter<RestErrorFilter>();
        downloads.MapGet("/ledger/workbook", async (string? unitId, string? missionId, ExportLedgerHandler ledger, CancellationToken cancellationToken) =>
        {
            var file = await ledger.HandleAsync(new ExportLedgerRequest { UnitId = unitId ?? string.Empty, MissionId = missionId ?? string.Empty }, cancellationToken);
            return FileDownload.Attachment(file.Content.ToByteArray(), file.ContentType, file.FileName);
        }).AuditRead(RectificationModule.ServiceName, "ledger");
        // `/content` as every stored file's download is named; the path without it stays for integrators already using it.
        foreach (var path in new[] { "/items/{itemId}/evidence/{evidenceId}/content", "/items/{itemId}/evidence/{evidenceId}" })
        {
            downloads.MapGet(path, DownloadEvidenceAsync).AuditRead(RectificationModule.ServiceName, "rectification_evidence", "evidenceId");
        }
        return endpoints;
    }

    private static async Task<IResult> DownloadEvidenceAsync(string itemId, string evidenceId, EvidenceReader evidenceReader, CancellationToken cancellationToken)
    {
        var (evidence, content) = await evidenceReader.ReadAsync(itemId, evidenceId, cancellationToken);
        return FileDownload.Attachment(content, evidence.ContentType, evidence.FileName);
    }
}
