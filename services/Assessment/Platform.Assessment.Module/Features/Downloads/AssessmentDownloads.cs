using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Assessment.Module.Features.GetDutyReportAttachment;
using Platform.BuildingBlocks.Files;

namespace Platform.Assessment.Module.Features.Downloads;

/// <summary>
/// A duty report's file as a file for the browser: the transcoded GetDutyReportAttachment carries the bytes
/// base64-encoded in JSON, which a clerk cannot open.
/// </summary>
internal static class AssessmentDownloads
{
    public static IEndpointRouteBuilder MapAssessmentDownloads(this IEndpointRouteBuilder endpoints)
    {
        var downloads = endpoints.MapGroup("/api/assessment/v1").RequireAuthorization().AddEndpointFilter<RestErrorFilter>();
        downloads.MapGet("/roster/{entryId}/attachments/{attachmentId}/content",
            async (string entryId, string attachmentId, GetDutyReportAttachmentHandler handler, CancellationToken cancellationToken) =>
            {
                var file = await handler.HandleAsync(new GetDutyReportAttachmentRequest { EntryId = entryId, AttachmentId = attachmentId }, cancellationToken);
                return FileDownload.Attachment(file.Content.ToByteArray(), file.ContentType, file.FileName);
            });
        return endpoints;
    }
}
