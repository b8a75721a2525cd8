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

namespace Platform.Inspection.Module.Features.CreateQuestionnaire;

/// <summary>A questionnaire of a mission, to its target units or to the public (then with a public code).</summary>
public sealed class CreateQuestionnaireHandler(InspectionDbContext db, InspectionAccess access, MissionLoader missions)
{
    private const int MaxQuestions = 100;

    public async Task<Contracts.Inspection.V1.Questionnaire> HandleAsync(CreateQuestionnaireRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Id("mission_id", request.MissionId);
        var title = validator.Name("title", request.Title, 300);
        var audience = validator.OneOf("audience", request.Audience, QuestionnaireAudiences.All);
        if (request.Questions.Count is 0 or > MaxQuestions)
        {
            validator.Add("questions", $"must hold 1 to {MaxQuestions} questions, got {request.Questions.Count}");
        }
        var questions = new List<Question>();
        for (var i = 0; i < request.Questions.Count; i++)
        {
            var given = request.Questions[i];
            var text = validator.Required($"questions[{i}].text", given.Text, 1000);
            var kind = validator.OneOf($"questions[{i}].kind", given.Kind, QuestionKinds.All);
            var options = given.Options.Select((o, j) => validator.Required($"questions[{i}].options[{j}]", o, 200)).ToList();
            var isChoice = kind is QuestionKinds.SingleChoice or QuestionKinds.MultipleChoice;
            if (isChoice && options.Count is < 2 or > 50)
            {
                validator.Add($"questions[{i}].options", "a choice question needs 2 to 50 options");
            }
            if (!isChoice && kind is not null && options.Count > 0)
            {
                validator.Add($"questions[{i}].options", $"a {kind} question has no options");
            }
            questions.Add(new Question(Guid.CreateVersion7(), text, kind ?? string.Empty, options));
        }
        validator.ThrowIfInvalid();

        var mission = await missions.LoadVisibleAsync("mission_id", request.MissionId, cancellationToken);
        access.RequireMissionWorker(mission);
        if (mission.State is MissionStates.FeedbackGiven or MissionStates.Closed)
        {
            throw new PreconditionFailedException($"Mission is {mission.State}; questionnaires are sent before feedback.");
        }
        var questionnaire = new Questionnaire
        {
            Id = Guid.CreateVersion7(),
            MissionId = mission.Id,
            Title = title,
            Audience = audience,
            PublicCode = audience == QuestionnaireAudiences.Public ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)) : null,
            Questions = questions,
            Created = access.Now(),
        };
        db.Questionnaires.Add(questionnaire);
        await db.SaveChangesAsync(cancellationToken);
        return questionnaire.ToProto(0);
    }
}
