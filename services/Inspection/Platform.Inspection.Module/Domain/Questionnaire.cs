namespace Platform.Inspection.Module.Domain;

public static class QuestionKinds
{
    public const string SingleChoice = "single_choice";
    public const string MultipleChoice = "multiple_choice";
    public const string Rating = "rating";
    public const string Text = "text";

    public static readonly IReadOnlyDictionary<string, string> All = MissionKinds.Map(SingleChoice, MultipleChoice, Rating, Text);
}

public static class QuestionnaireAudiences
{
    public const string Targets = "targets";
    public const string Public = "public";

    public static readonly IReadOnlyDictionary<string, string> All = MissionKinds.Map(Targets, Public);
}

public sealed record Question(Guid Id, string Text, string Kind, IReadOnlyList<string> Options);

/// <summary>A questionnaire (问卷) of a mission, to its target units or to the public.</summary>
public sealed class Questionnaire
{
    public Guid Id { get; init; }

    public Guid MissionId { get; init; }

    public string Title { get; init; } = string.Empty;

    public string Audience { get; init; } = QuestionnaireAudiences.Targets;

    /// <summary>For the public: the unguessable code of its anonymous answer route.</summary>
    public string? PublicCode { get; init; }

    public List<Question> Questions { get; init; } = [];

    public Audit Created { get; init; } = null!;
}

public sealed record GivenAnswer(Guid QuestionId, IReadOnlyList<int> Choices, int Rating, string Text);

/// <summary>One submitted answer sheet: a target unit's (one per unit) or an anonymous member of the public's.</summary>
public sealed class QuestionnaireAnswer
{
    public Guid Id { get; init; }

    public Guid QuestionnaireId { get; init; }

    /// <summary>The answering unit; null for public answers.</summary>
    public Guid? UnitId { get; init; }

    public List<GivenAnswer> Answers { get; init; } = [];

    /// <summary>Who, when, where; public answers carry "anonymous".</summary>
    public Audit Submitted { get; init; } = null!;
}
