using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Grpc;
using Platform.Inspection.Module.Features.GetPublicQuestionnaire;
using Platform.Inspection.Module.Features.SubmitPublicAnswer;

namespace Platform.Inspection.Module.Features.Questionnaires;

/// <summary>The anonymous public questionnaire as plain HTTP routes, which the edge rate-limits per address.</summary>
internal static class PublicQuestionnaireEndpoints
{
    public const string PublicQuestionnaires = "/api/inspection/public/questionnaires";

    public static IEndpointRouteBuilder MapPublicQuestionnaires(this IEndpointRouteBuilder endpoints)
    {
        var open = endpoints.MapGroup(PublicQuestionnaires).AllowAnonymous().AddEndpointFilter<RestErrorFilter>();
        open.MapGet("/{code}", async (string code, PublicQuestionnaireReader questionnaire, CancellationToken cancellationToken) =>
            Results.Text(Google.Protobuf.JsonFormatter.Default.Format(await questionnaire.ReadAsync(code, cancellationToken)), "application/json"));
        open.MapPost("/{code}/answers", async (string code, HttpRequest request, PublicAnswerSubmission submission, CancellationToken cancellationToken) =>
        {
            var body = await ProtoJsonBody.ReadAsync<SubmitQuestionnaireAnswerRequest>(request, cancellationToken);
            var receipt = await submission.SubmitAsync(code, body.Answers, cancellationToken);
            return Results.Text(Google.Protobuf.JsonFormatter.Default.Format(receipt), "application/json");
        });
        return endpoints;
    }
}
