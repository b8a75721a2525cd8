namespace Platform.Contracts.Events.Assessment;

/// <summary>One unit's published result: its scores, and its rank within its level and kind of unit.</summary>
public sealed record PublishedScore(
    Guid UnitId, string UnitName, string Level, string Kind, decimal Routine, decimal Annual, decimal Combined, int Rank, bool Tied);

/// <summary>
/// The office published a year's evaluation results (考评结果). Published again after an appeal is
/// upheld, with a new publication id; the latest publication of a year is the one that stands.
/// </summary>
[WireName("assessment.scores_published.v1")]
public sealed record ScoresPublished(
    Guid PublicationId,
    int Year,
    int RoutineShare,
    int AnnualShare,
    IReadOnlyList<PublishedScore> Scores,
    string PublishedBy,
    DateTimeOffset OccurredAt,
    string NodeId) : IIntegrationEvent;
