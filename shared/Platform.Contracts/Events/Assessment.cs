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

/// <summary>
/// A unit is behind its yearly study minimum (学法: city and county governments 4 at executive
/// meetings, departments 2) as of a day; notification reminds the unit's liaison.
/// </summary>
[WireName("assessment.study_behind.v1")]
public sealed record StudyBehind(
    Guid UnitId, string UnitName, int Year, int Required, int Held, int ExpectedByNow, DateOnly AsOf, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;

/// <summary>An enforcement credential (执法证) was suspended from a day, until a day or (Until null) further notice.</summary>
[WireName("assessment.credential_suspended.v1")]
public sealed record CredentialSuspended(
    Guid CredentialId, Guid PersonId, Guid UnitId, string Number, DateOnly From, DateOnly? Until, string Reason,
    string SuspendedBy, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;
