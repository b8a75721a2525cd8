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

namespace Platform.Inspection.Module.Features.Questionnaires;

/// <summary>Checking an answer sheet against its questionnaire and storing it; shared by the unit and the public answer.</summary>
public sealed class AnswerSheets(InspectionDbContext db)
{
    internal async Task<QuestionnaireAnswerReceipt> StoreAsync(
        Questionnaire questionnaire, Guid? unitId, List<GivenAnswer> answers, Audit submitted, CancellationToken cancellationToken)
    {
        var answer = new QuestionnaireAnswer { Id = Guid.CreateVersion7(), QuestionnaireId = questionnaire.Id, UnitId = unitId, Answers = answers, Submitted = submitted };
        db.QuestionnaireAnswers.Add(answer);
        // The unique index settles two answers from one unit sent at once (see InspectionDbContext).
        await db.SaveChangesAsync(cancellationToken);
        return new QuestionnaireAnswerReceipt { AnswerId = answer.Id.ToString(), QuestionnaireId = questionnaire.Id.ToString(), SubmittedAt = submitted.At.ToWire() };
    }

    internal static List<GivenAnswer> ParseAnswers(Questionnaire questionnaire, IReadOnlyList<QuestionAnswer> given)
    {
        var validator = new RequestValidator();
        var byId = questionnaire.Questions.ToDictionary(q => q.Id.ToString(), StringComparer.OrdinalIgnoreCase);
        var answers = new List<GivenAnswer>();
        var seen = new HashSet<Guid>();
        for (var i = 0; i < given.Count; i++)
        {
            var field = $"answers[{i}]";
            if (!byId.TryGetValue(given[i].QuestionId ?? string.Empty, out var question))
            {
                validator.Add(field + ".question_id", "is not a question of this questionnaire");
                continue;
            }
            if (!seen.Add(question.Id))
            {
                validator.Add(field + ".question_id", "answers a question twice");
                continue;
            }
            var choices = given[i].Choices.Distinct().ToList();
            switch (question.Kind)
            {
                case QuestionKinds.SingleChoice when choices.Count != 1:
                    validator.Add(field + ".choices", "a single-choice question takes exactly one choice");
                    break;
                case QuestionKinds.MultipleChoice when choices.Count == 0:
                    validator.Add(field + ".choices", "a multiple-choice question takes at least one choice");
                    break;
                case QuestionKinds.Rating when given[i].Rating is < 1 or > 5:
                    validator.Add(field + ".rating", $"must be between 1 and 5, got {given[i].Rating}");
                    break;
                case QuestionKinds.Text when string.IsNullOrWhiteSpace(given[i].Text) || given[i].Text.Length > 4000:
                    validator.Add(field + ".text", "must hold 1 to 4000 characters");
                    break;
            }
            if (choices.Any(c => c < 0 || c >= question.Options.Count))
            {
                validator.Add(field + ".choices", $"must be option indexes from 0 to {question.Options.Count - 1}");
            }
            answers.Add(new GivenAnswer(question.Id, choices, given[i].Rating, given[i].Text?.Trim() ?? string.Empty));
        }
        if (given.Count == 0)
        {
            validator.Add("answers", "must answer at least one question");
        }
        validator.ThrowIfInvalid();
        return answers;
    }
}
