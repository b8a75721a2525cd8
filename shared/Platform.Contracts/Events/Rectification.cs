namespace Platform.Contracts.Events.Rectification;

/// <summary>
/// A rectification item (整改事项) opened for a finding's responsible unit. Severity is one
/// of general, serious, severe (as in inspection).
/// </summary>
[WireName("rectification.item_opened.v1")]
public sealed record RectificationItemOpened(
    Guid ItemId,
    Guid FindingId,
    Guid? MissionId,
    Guid UnitId,
    string UnitName,
    string Title,
    string Category,
    string Severity,
    string ResponsiblePerson,
    DateOnly Deadline,
    DateTimeOffset OccurredAt,
    string NodeId) : IIntegrationEvent;

/// <summary>The unit submitted its rectification plan (measures, milestones).</summary>
[WireName("rectification.plan_submitted.v1")]
public sealed record RectificationPlanSubmitted(
    Guid ItemId, Guid UnitId, int MeasureCount, string SubmittedBy, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;

/// <summary>The unit reported progress on an item.</summary>
[WireName("rectification.progress_reported.v1")]
public sealed record RectificationProgressReported(
    Guid ItemId, Guid UnitId, int Percent, string ReportedBy, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;

/// <summary>The unit submitted its completion report with evidence; the office is to verify.</summary>
[WireName("rectification.completion_submitted.v1")]
public sealed record RectificationCompletionSubmitted(
    Guid ItemId, Guid UnitId, string SubmittedBy, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;

/// <summary>The office verified the fix and closed the item (验收销号).</summary>
[WireName("rectification.item_verified.v1")]
public sealed record RectificationVerified(
    Guid ItemId, Guid UnitId, string VerifiedBy, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;

/// <summary>The office sent the completion back; the item is open again with a new deadline.</summary>
[WireName("rectification.item_sent_back.v1")]
public sealed record RectificationSentBack(
    Guid ItemId, Guid UnitId, string UnitName, string Title, string Reason, DateOnly NewDeadline, int SendBackCount,
    string SentBackBy, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;

/// <summary>The office approved an extension of an item; both dates are kept.</summary>
[WireName("rectification.extension_approved.v1")]
public sealed record RectificationExtensionApproved(
    Guid ItemId, Guid UnitId, DateOnly PreviousDeadline, DateOnly NewDeadline, string DecidedBy,
    DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;

/// <summary>An item is past its deadline and not verified (逾期).</summary>
[WireName("rectification.item_overdue.v1")]
public sealed record RectificationOverdue(
    Guid ItemId, Guid UnitId, string UnitName, string Title, DateOnly Deadline, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;

/// <summary>One entry of an item's file, as carried by a referral.</summary>
public sealed record RectificationFileEntry(DateTimeOffset At, string Actor, string Action, string Detail);

/// <summary>
/// A step of the escalation ladder was applied to a lagging item. Step is one of reminder,
/// urge (催办), supervision_letter (督办函), interview (约谈), listed_supervision (挂牌督办),
/// public_criticism (通报批评), referral (移送纪检监察). The copy flags say whether the
/// discipline-inspection commission and the organisation department get a copy (抄送);
/// a referral carries the item's whole file.
/// </summary>
[WireName("rectification.item_escalated.v1")]
public sealed record RectificationEscalated(
    Guid ItemId,
    Guid FindingId,
    Guid UnitId,
    string UnitName,
    string Title,
    string Severity,
    string Step,
    int StepOrder,
    string Reason,
    DateOnly Deadline,
    bool CopyToDiscipline,
    bool CopyToOrganisation,
    IReadOnlyList<RectificationFileEntry> File,
    string AppliedBy,
    DateTimeOffset OccurredAt,
    string NodeId) : IIntegrationEvent;

/// <summary>A closed item was reopened, for example by a failed look-back re-check (回头看).</summary>
[WireName("rectification.item_reopened.v1")]
public sealed record RectificationReopened(
    Guid ItemId, Guid UnitId, string UnitName, string Title, string Cause, string Reason, DateOnly NewDeadline,
    Guid? LookBackMissionId, string ReopenedBy, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;

/// <summary>
/// Where an item opened for a finding of a node above stands, as that node may see it (ADR 0022): no finding text, only
/// the unit, the state and the dates. Status is one word: open, planned, in_progress, overdue, escalated, done or
/// look_back_failed (in that order of weight: a failed look-back outweighs an escalation, an escalation an overdue).
/// </summary>
public sealed record RectificationItemStatus(
    Guid ItemId,
    string OriginNodeId,
    Guid MissionId,
    Guid UnitId,
    string UnitName,
    string RegionCode,
    string Status,
    string State,
    bool Overdue,
    int EscalationOrder,
    int ReopenCount,
    DateOnly Deadline,
    DateOnly OpenedOn,
    DateOnly? ClosedOn,
    DateTimeOffset AsOf);

/// <summary>An item opened for a finding of a node above changed; the federation edge carries its status up (ADR 0022).</summary>
[WireName("rectification.status_for_above.v1")]
public sealed record RectificationStatusForAbove(RectificationItemStatus Status, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;
