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

namespace Platform.Inspection.Module.Features.GetQuestionnaire;

/// <summary>One questionnaire with its answer count, if the caller may see its mission.</summary>
public sealed class GetQuestionnaireHandler(InspectionDbContext db, InspectionAccess access, QuestionnaireLoader questionnaires)
{
    public async Task<Contracts.Inspection.V1.Questionnaire> HandleAsync(GetQuestionnaireRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var (questionnaire, _) = await questionnaires.LoadVisibleAsync(request.QuestionnaireId, cancellationToken);
        return questionnaire.ToProto(await CountAnswersAsync(questionnaire.Id, cancellationToken));
    }

    private Task<int> CountAnswersAsync(Guid questionnaireId, CancellationToken cancellationToken) =>
        db.QuestionnaireAnswers.CountAsync(a => a.QuestionnaireId == questionnaireId, cancellationToken);
}
