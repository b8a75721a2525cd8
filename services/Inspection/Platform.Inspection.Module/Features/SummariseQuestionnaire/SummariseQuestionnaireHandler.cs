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

namespace Platform.Inspection.Module.Features.SummariseQuestionnaire;

/// <summary>The answers of a questionnaire, tallied per question.</summary>
public sealed class SummariseQuestionnaireHandler(InspectionDbContext db, InspectionAccess access, QuestionnaireLoader questionnaires)
{
    private const int LatestTexts = 5;

    public async Task<QuestionnaireSummary> HandleAsync(SummariseQuestionnaireRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var (questionnaire, mission) = await questionnaires.LoadVisibleAsync(request.QuestionnaireId, cancellationToken);
        if (!access.SeesEverything)
        {
            access.RequireMissionWorker(mission);
        }
        var tallies = questionnaire.Questions.ToDictionary(q => q.Id, q => new Tally(q));
        var total = 0;
        // Streamed, newest first: a public questionnaire may gather many answers; only the tallies stay in memory.
        await foreach (var sheet in db.QuestionnaireAnswers.AsNoTracking().Where(a => a.QuestionnaireId == questionnaire.Id)
                           .OrderByDescending(a => a.Id).Select(a => a.Answers).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            total++;
            foreach (var answer in sheet)
            {
                if (tallies.TryGetValue(answer.QuestionId, out var tally))
                {
                    tally.Add(answer);
                }
            }
        }
        var summary = new QuestionnaireSummary { QuestionnaireId = questionnaire.Id.ToString(), Answers = total };
        summary.Questions.AddRange(questionnaire.Questions.Select(q => tallies[q.Id].ToProto()));
        return summary;
    }

    /// <summary>Running figures of one question.</summary>
    private sealed class Tally(Question question)
    {
        private readonly int[] _options = new int[question.Options.Count];
        private readonly List<string> _latest = [];
        private int _answered;
        private long _ratingSum;
        private int _texts;

        public void Add(GivenAnswer answer)
        {
            _answered++;
            foreach (var choice in answer.Choices.Where(c => c >= 0 && c < _options.Length))
            {
                _options[choice]++;
            }
            _ratingSum += question.Kind == QuestionKinds.Rating ? answer.Rating : 0;
            if (question.Kind == QuestionKinds.Text)
            {
                _texts++;
                if (_latest.Count < LatestTexts)
                {
                    _latest.Add(answer.Text);
                }
            }
        }

        public QuestionSummary ToProto()
        {
            var summary = new QuestionSummary
            {
                QuestionId = question.Id.ToString(),
                Text = question.Text,
                Kind = question.Kind,
                Answered = _answered,
                AverageRating = question.Kind == QuestionKinds.Rating && _answered > 0 ? Math.Round((double)_ratingSum / _answered, 2) : 0,
                TextAnswers = _texts,
            };
            summary.OptionCounts.AddRange(question.Options.Select((o, i) => new CountByKey { Key = o, Count = _options[i] }));
            summary.LatestTexts.AddRange(_latest);
            return summary;
        }
    }
}
