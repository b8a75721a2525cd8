using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Grpc;
using Platform.Contracts.Inspection.V1;

namespace Platform.Inspection.Module.Features.Questionnaires;

/// <summary>The anonymous public questionnaire as plain HTTP routes, which the edge rate-limits per address.</summary>
internal static class PublicQuestionnaireEndpoints
{
    public const string PublicQuestionnaires = "/api/inspection/public/questionnaires";

    public static IEndpointRouteBuilder MapPublicQuestionnaires(this IEndpointRouteBuilder endpoints)
    {
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
