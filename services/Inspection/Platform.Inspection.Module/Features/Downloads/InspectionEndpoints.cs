using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Files;
using Platform.BuildingBlocks.Grpc;
using Platform.Contracts.Inspection.V1;
using Platform.Inspection.Module.Features.Findings;
using Platform.Inspection.Module.Features.MissionReport;
using Platform.Inspection.Module.Features.Questionnaires;

namespace Platform.Inspection.Module.Features.Downloads;

/// <summary>
/// Plain HTTP routes: evidence and report files as files (for browsers and Word), and the
/// anonymous public questionnaire, which the edge rate-limits per address.
/// </summary>
internal static class InspectionEndpoints
{
    public const string PublicQuestionnaires = "/api/inspection/public/questionnaires";

    public static IEndpointRouteBuilder MapInspectionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var files = endpoints.MapGroup("/api/inspection/v1").RequireAuthorization().AddEndpointFilter<RestErrorFilter>();
        files.MapGet("/evidence/{evidenceId}/content", async (string evidenceId, FindingsFeature findings, CancellationToken cancellationToken) =>
        {
            var (evidence, content) = await findings.ReadEvidenceAsync(evidenceId, cancellationToken);
            return FileDownload.Attachment(content, evidence.ContentType, evidence.FileName);
        }).AuditRead(InspectionModule.ServiceName, "evidence", "evidenceId");
        files.MapGet("/documents/{documentId}/content", async (string documentId, MissionReportFeature reports, CancellationToken cancellationToken) =>
        {
            var (document, content) = await reports.ReadAsync(documentId, cancellationToken);
            return FileDownload.Attachment(content, document.ContentType, document.FileName);
        }).AuditRead(InspectionModule.ServiceName, "mission_report", "documentId");

        var open = endpoints.MapGroup(PublicQuestionnaires).AllowAnonymous().AddEndpointFilter<RestErrorFilter>();
        open.MapGet("/{code}", async (string code, QuestionnairesFeature questionnaires, CancellationToken cancellationToken) =>
            Results.Text(Google.Protobuf.JsonFormatter.Default.Format(await questionnaires.GetPublicAsync(code, cancellationToken)), "application/json"));
        open.MapPost("/{code}/answers", async (string code, HttpRequest request, QuestionnairesFeature questionnaires, CancellationToken cancellationToken) =>
        {
            var body = await ProtoJsonBody.ReadAsync<SubmitQuestionnaireAnswerRequest>(request, cancellationToken);
            var receipt = await questionnaires.SubmitPublicAsync(code, body.Answers, cancellationToken);
            return Results.Text(Google.Protobuf.JsonFormatter.Default.Format(receipt), "application/json");
        });
        return endpoints;
    }
}
