using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Files;
using Platform.Planning.Module.Features.ExportPlan;
using Platform.Planning.Module.Features.GetAttachment;

namespace Platform.Planning.Module.Features.Downloads;

/// <summary>
/// Files as files for browsers and spreadsheet programs: the REST forms of ExportPlan and
/// GetAttachment carry the bytes base64-encoded in JSON, which a clerk cannot open.
/// </summary>
internal static class PlanningDownloads
{
    public static IEndpointRouteBuilder MapPlanningDownloads(this IEndpointRouteBuilder endpoints)
    {
        var downloads = endpoints.MapGroup("/api/planning/v1").RequireAuthorization().AddEndpointFilter<RestErrorFilter>();
        downloads.MapGet("/plans/{planId}/workbook", async (string planId, ExportPlanFeature export, CancellationToken cancellationToken) =>
            AsFile(await export.ExportAsync(new ExportPlanRequest { PlanId = planId }, cancellationToken)));
        downloads.MapGet("/attachments/{attachmentId}/content", async (string attachmentId, GetAttachmentHandler attachments, CancellationToken cancellationToken) =>
            AsFile(await attachments.HandleAsync(new GetAttachmentRequest { AttachmentId = attachmentId }, cancellationToken)));
        return endpoints;
    }

    private static IResult AsFile(ExportedFile file) =>
        FileDownload.Attachment(file.Content.ToByteArray(), file.ContentType, file.FileName);
}
