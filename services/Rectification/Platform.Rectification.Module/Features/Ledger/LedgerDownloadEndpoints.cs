using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Errors;
using Platform.Contracts.Rectification.V1;

namespace Platform.Rectification.Module.Features.Ledger;

/// <summary>The ledger as a file for browsers and spreadsheet programs (the transcoded ExportLedger returns base64 in JSON).</summary>
internal static class LedgerDownloadEndpoints
{
    public static IEndpointRouteBuilder MapLedgerDownloads(this IEndpointRouteBuilder endpoints)
    {
        var downloads = endpoints.MapGroup("/api/rectification/v1").RequireAuthorization().AddEndpointFilter<RestErrorFilter>();
        downloads.MapGet("/ledger/workbook", async (string? unitId, string? missionId, LedgerFeature ledger, CancellationToken cancellationToken) =>
        {
            var file = await ledger.ExportAsync(new ExportLedgerRequest { UnitId = unitId ?? string.Empty, MissionId = missionId ?? string.Empty }, cancellationToken);
            return Results.File(file.Content.ToByteArray(), file.ContentType, file.FileName);
        });
        return endpoints;
    }
}
