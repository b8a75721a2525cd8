using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Node;
using Platform.Inspection.Module.Features.Missions;
using Platform.Inspection.Module.Features.Questionnaires;
using Question = Platform.Inspection.Module.Domain.Question;
using Questionnaire = Platform.Inspection.Module.Domain.Questionnaire;
using Mission = Platform.Inspection.Module.Domain.Mission;

namespace Platform.Inspection.Module.Features.SubmitPublicAnswer;

/// <summary>An anonymous answer to a public questionnaire, over REST only (no request message, so not a gRPC handler); PublicQuestionnaireEndpoints calls it.</summary>
public sealed class PublicAnswerSubmission(InspectionDbContext db, QuestionnaireLoader questionnaires, AnswerSheets sheets, TimeProvider clock, IOptions<NodeOptions> node)
{
    /// <summary>An anonymous answer to a public questionnaire; the edge limits how often one address may call.</summary>
    public async Task<QuestionnaireAnswerReceipt> SubmitAsync(string code, IReadOnlyList<QuestionAnswer> given, CancellationToken cancellationToken)
    {
        var questionnaire = await questionnaires.LoadPublicAsync(code, cancellationToken);
        var mission = await db.Missions.AsNoTracking().Where(m => m.Id == questionnaire.MissionId).Select(m => m.State).SingleAsync(cancellationToken);
        if (mission is MissionStates.FeedbackGiven or MissionStates.Closed)
        {
            throw new PreconditionFailedException("This questionnaire no longer takes answers.");
        }
        var answers = AnswerSheets.ParseAnswers(questionnaire, given);
        return await sheets.StoreAsync(questionnaire, null, answers, new Audit("anonymous", clock.GetUtcNow(), node.Value.Id), cancellationToken);
    }
}
