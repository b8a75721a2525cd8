using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Grpc;
using Platform.Contracts.Inspection.V1;
using Question = Platform.Inspection.Module.Domain.Question;
using Platform.Inspection.Module.Domain;
using Platform.Inspection.Module.Features.Questionnaires;
using Platform.Testing;

namespace Platform.Inspection.Tests;

/// <summary>A bounded fuzz pass over the public answer sheet: the JSON body and the answers read against a questionnaire (corpus in Corpus/).</summary>
public sealed class AnswerSheetFuzzTests
{
    private static readonly Module.Domain.Questionnaire Survey = new()
    {
        Id = Guid.CreateVersion7(),
        Title = "群众满意度调查",
        Audience = QuestionnaireAudiences.Public,
        Questions =
        [
            new Question(new Guid("0190a6f0-0000-7000-8000-000000000001"), "满意度", QuestionKinds.Rating, []),
            new Question(new Guid("0190a6f0-0000-7000-8000-000000000002"), "单选", QuestionKinds.SingleChoice, ["是", "否"]),
            new Question(new Guid("0190a6f0-0000-7000-8000-000000000003"), "多选", QuestionKinds.MultipleChoice, ["甲", "乙", "丙"]),
            new Question(new Guid("0190a6f0-0000-7000-8000-000000000004"), "意见", QuestionKinds.Text, []),
        ],
    };

    [Fact]
    public void Any_body_is_read_or_refused_with_a_validation_error() =>
        ParserFuzzing.Run(
            "Corpus/answers",
            bytes => AnswerSheets.ParseAnswers(Survey, ProtoJsonBody.Parse<SubmitQuestionnaireAnswerRequest>(bytes).Answers),
            error => error is ValidationException,
            tokens: ["{", "}", "[", "]", ",", ":", "\"answers\"", "\"questionId\"", "\"choices\"", "\"rating\"", "\"text\"", "null", "true", "1e400", "-2147483649", "\"\\ud800\"", "0190a6f0-0000-7000-8000-000000000003"]);
}
