using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Node;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Inspection.V1;
using Platform.Inspection.Module.Domain;
using Platform.Inspection.Module.Features.Missions;
using Platform.Inspection.Module.Infrastructure;
using Question = Platform.Inspection.Module.Domain.Question;
using Questionnaire = Platform.Inspection.Module.Domain.Questionnaire;
using Mission = Platform.Inspection.Module.Domain.Mission;

namespace Platform.Inspection.Module.Features.Questionnaires;

/// <summary>
/// Questionnaires of a mission: to its target units (each unit answers once, through its
/// liaison or leader) or to the public (anonymous answers through a public code), summarised per question.
/// </summary>
public sealed class QuestionnairesFeature(
    InspectionDbContext db, InspectionAccess access, MissionsFeature missions, TimeProvider clock, IOptions<NodeOptions> node)
{
    private const int MaxQuestions = 100;
    private const int LatestTexts = 5;

    public async Task<Contracts.Inspection.V1.Questionnaire> CreateAsync(CreateQuestionnaireRequest request, CancellationToken cancellationToken)
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

    public async Task<Contracts.Inspection.V1.Questionnaire> GetAsync(GetQuestionnaireRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var (questionnaire, _) = await LoadVisibleAsync(request.QuestionnaireId, cancellationToken);
        return questionnaire.ToProto(await CountAnswersAsync(questionnaire.Id, cancellationToken));
    }

    public async Task<ListQuestionnairesResponse> ListAsync(ListQuestionnairesRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        Guid? missionId = string.IsNullOrEmpty(request.MissionId) ? null : validator.Id("mission_id", request.MissionId);
        var audience = string.IsNullOrEmpty(request.Audience) ? null : validator.OneOf("audience", request.Audience, QuestionnaireAudiences.All);
        validator.ThrowIfInvalid();

        var query = db.Questionnaires.AsNoTracking().WhereIf(missionId, m => q => q.MissionId == m);
        query = audience is null ? query : query.Where(q => q.Audience == audience);
        if (!access.SeesEverything)
        {
            var caller = access.Caller;
            var unitId = access.IsUnitCaller ? caller.UnitId : null;
            var visibleMissions = db.Missions.Where(m => m.Team.Any(t => t.UserId == caller.Id)).Select(m => m.Id);
            var targetedMissions = db.Missions.Where(m => unitId != null && m.State != MissionStates.Planned && m.Targets.Any(t => t.UnitId == unitId)).Select(m => m.Id);
            query = query.Where(q => visibleMissions.Contains(q.MissionId)
                || (q.Audience == QuestionnaireAudiences.Targets && targetedMissions.Contains(q.MissionId)));
        }
        var (rows, next) = await query.OrderByDescending(q => q.Id)
            .Select(q => new { Questionnaire = q, Answers = db.QuestionnaireAnswers.Count(a => a.QuestionnaireId == q.Id) })
            .ToPageAsync(page, cancellationToken);
        var response = new ListQuestionnairesResponse { NextPageToken = next };
        response.Questionnaires.AddRange(rows.Select(r => r.Questionnaire.ToProto(r.Answers)));
        return response;
    }

    public async Task<QuestionnaireAnswerReceipt> SubmitAsync(SubmitQuestionnaireAnswerRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Id("questionnaire_id", request.QuestionnaireId);
        var unitId = validator.Id("unit_id", request.UnitId);
        validator.ThrowIfInvalid();
        if (!(access.Caller.BelongsTo(unitId) && access.Caller.IsInAnyRole(PlatformRoles.UnitLiaison, PlatformRoles.Leader)))
        {
            throw new PermissionDeniedException("A unit's questionnaire is answered by its own liaison or leader.");
        }
        var (questionnaire, mission) = await LoadVisibleAsync(request.QuestionnaireId, cancellationToken);
        if (questionnaire.Audience != QuestionnaireAudiences.Targets || mission.TargetFor(unitId) is null)
        {
            throw new PermissionDeniedException("This questionnaire is not addressed to the unit.");
        }
        var answers = ParseAnswers(questionnaire, request.Answers);
        if (await db.QuestionnaireAnswers.AnyAsync(a => a.QuestionnaireId == questionnaire.Id && a.UnitId == unitId, cancellationToken))
        {
            throw new AlreadyExistsException("The unit has already answered this questionnaire.");
        }
        return await StoreAsync(questionnaire, unitId, answers, access.Now(), cancellationToken);
    }

    /// <summary>A public questionnaire's questions, for the anonymous answer page.</summary>
    public async Task<Contracts.Inspection.V1.Questionnaire> GetPublicAsync(string code, CancellationToken cancellationToken)
    {
        var questionnaire = await LoadPublicAsync(code, cancellationToken);
        var proto = questionnaire.ToProto(0);
        proto.CreatedBy = string.Empty;
        return proto;
    }

    /// <summary>An anonymous answer to a public questionnaire; the edge limits how often one address may call.</summary>
    public async Task<QuestionnaireAnswerReceipt> SubmitPublicAsync(string code, IReadOnlyList<QuestionAnswer> given, CancellationToken cancellationToken)
    {
        var questionnaire = await LoadPublicAsync(code, cancellationToken);
        var mission = await db.Missions.AsNoTracking().Where(m => m.Id == questionnaire.MissionId).Select(m => m.State).SingleAsync(cancellationToken);
        if (mission is MissionStates.FeedbackGiven or MissionStates.Closed)
        {
            throw new PreconditionFailedException("This questionnaire no longer takes answers.");
        }
        var answers = ParseAnswers(questionnaire, given);
        return await StoreAsync(questionnaire, null, answers, new Audit("anonymous", clock.GetUtcNow(), node.Value.Id), cancellationToken);
    }

    public async Task<QuestionnaireSummary> SummariseAsync(SummariseQuestionnaireRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var (questionnaire, mission) = await LoadVisibleAsync(request.QuestionnaireId, cancellationToken);
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

    private async Task<QuestionnaireAnswerReceipt> StoreAsync(
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

    private Task<int> CountAnswersAsync(Guid questionnaireId, CancellationToken cancellationToken) =>
        db.QuestionnaireAnswers.CountAsync(a => a.QuestionnaireId == questionnaireId, cancellationToken);

    private async Task<(Questionnaire Questionnaire, Mission Mission)> LoadVisibleAsync(string? questionnaireId, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var id = validator.Id("questionnaire_id", questionnaireId);
        validator.ThrowIfInvalid();
        var questionnaire = await db.Questionnaires.AsNoTracking().SingleOrDefaultAsync(q => q.Id == id, cancellationToken);
        var mission = questionnaire is null ? null : await db.Missions.AsNoTracking().SingleAsync(m => m.Id == questionnaire.MissionId, cancellationToken);
        if (questionnaire is null || !access.CanSee(mission!))
        {
            throw new NotFoundException($"Questionnaire {id} does not exist on this node.");
        }
        return (questionnaire, mission!);
    }

    private async Task<Questionnaire> LoadPublicAsync(string code, CancellationToken cancellationToken)
    {
        var trimmed = code?.Trim() ?? string.Empty;
        return await db.Questionnaires.AsNoTracking()
            .SingleOrDefaultAsync(q => q.PublicCode == trimmed && q.Audience == QuestionnaireAudiences.Public, cancellationToken)
            ?? throw new NotFoundException("No public questionnaire has this code.");
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
