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

namespace Platform.Inspection.Module.Features.SubmitQuestionnaireAnswer;

/// <summary>A target unit answers a questionnaire addressed to it, once, through its liaison or leader.</summary>
public sealed class SubmitQuestionnaireAnswerHandler(InspectionDbContext db, InspectionAccess access, QuestionnaireLoader questionnaires, AnswerSheets sheets)
{
    public async Task<QuestionnaireAnswerReceipt> HandleAsync(SubmitQuestionnaireAnswerRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Id("questionnaire_id", request.QuestionnaireId);
        var unitId = validator.Id("unit_id", request.UnitId);
        validator.ThrowIfInvalid();
        if (!(access.Caller.BelongsTo(unitId) && access.Caller.IsInAnyRole(PlatformRoles.UnitLiaison, PlatformRoles.Leader)))
        {
            throw new PermissionDeniedException("A unit's questionnaire is answered by its own liaison or leader.");
        }
        var (questionnaire, mission) = await questionnaires.LoadVisibleAsync(request.QuestionnaireId, cancellationToken);
        if (questionnaire.Audience != QuestionnaireAudiences.Targets || mission.TargetFor(unitId) is null)
        {
            throw new PermissionDeniedException("This questionnaire is not addressed to the unit.");
        }
        var answers = AnswerSheets.ParseAnswers(questionnaire, request.Answers);
        if (await db.QuestionnaireAnswers.AnyAsync(a => a.QuestionnaireId == questionnaire.Id && a.UnitId == unitId, cancellationToken))
        {
            throw new AlreadyExistsException("The unit has already answered this questionnaire.");
        }
        return await sheets.StoreAsync(questionnaire, unitId, answers, access.Now(), cancellationToken);
    }
}
