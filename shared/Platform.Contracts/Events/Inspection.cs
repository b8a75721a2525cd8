namespace Platform.Contracts.Events.Inspection;

/// <summary>A unit (or child region's government) a mission inspects.</summary>
public sealed record MissionTarget(Guid UnitId, string UnitName, string? RegionCode);

/// <summary>
/// The inspected units were notified of a mission (督察通知): who, when, what is inspected.
/// Kind is one of comprehensive, special_topic, on_site, look_back.
/// </summary>
[WireName("inspection.mission_notified.v1")]
public sealed record MissionNotified(
    Guid MissionId,
    string Title,
    string Kind,
    int Year,
    IReadOnlyList<MissionTarget> Targets,
    IReadOnlyList<string> FocusItems,
    DateOnly StartsOn,
    DateOnly EndsOn,
    string NotifiedBy,
    DateTimeOffset OccurredAt,
    string NodeId) : IIntegrationEvent;

/// <summary>
/// A finding (问题) was recorded. Confidential: consumers must show it to the responsible
/// unit and the office only. Severity is one of general (一般), serious (较重), severe (严重).
/// </summary>
[WireName("inspection.finding_recorded.v1")]
public sealed record FindingRecorded(
    Guid FindingId,
    Guid? MissionId,
    Guid? ClueId,
    Guid ResponsibleUnitId,
    string ResponsibleUnitName,
    string Title,
    string Category,
    string Severity,
    string RecordedBy,
    DateTimeOffset OccurredAt,
    string NodeId) : IIntegrationEvent;

/// <summary>One finding as it was fed back to its unit.</summary>
public sealed record FedBackFinding(
    Guid FindingId,
    string Title,
    string Description,
    string Location,
    string Category,
    string Severity);

/// <summary>
/// Feedback (反馈) was given to one inspected unit, one to one and in confidence: it carries
/// that unit's findings only. It starts rectification: one item per finding.
/// </summary>
[WireName("inspection.feedback_given.v1")]
public sealed record FeedbackGiven(
    Guid FeedbackId,
    Guid MissionId,
    string MissionTitle,
    string MissionKind,
    Guid UnitId,
    string UnitName,
    IReadOnlyList<FedBackFinding> Findings,
    string GivenBy,
    DateTimeOffset OccurredAt,
    string NodeId) : IIntegrationEvent
{
    /// <summary>The GB/T 2260 code of the unit's region, when known; offices above it see its items.</summary>
    public string? UnitRegionCode { get; init; }

    /// <summary>
    /// The user ids of the mission's inspectors when the feedback was given: the inspectors who may
    /// read the items it opens. Absent from older senders, in which case no inspector reads them.
    /// </summary>
    public IReadOnlyList<string>? MissionTeam { get; init; }
}
