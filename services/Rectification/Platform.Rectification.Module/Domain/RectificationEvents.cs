using Platform.BuildingBlocks.Kernel.Events;

namespace Platform.Rectification.Module.Domain;

// What happens to a rectification item, in the domain's words; the store stamps them and turns them
// into the rectification.* integration events (RectificationDbContext.MapDomainEvents).

public sealed record ItemOpened(
    Guid ItemId, Guid FindingId, Guid? MissionId, Guid UnitId, string UnitName, string Title, string Category, string Severity,
    string ResponsiblePerson, DateOnly Deadline) : IDomainEvent;

public sealed record ItemPlanSubmitted(Guid ItemId, Guid UnitId, int MeasureCount) : IDomainEvent;

public sealed record ItemProgressReported(Guid ItemId, Guid UnitId, int Percent) : IDomainEvent;

public sealed record ItemCompletionSubmitted(Guid ItemId, Guid UnitId) : IDomainEvent;

public sealed record ItemVerified(Guid ItemId, Guid UnitId) : IDomainEvent;

public sealed record ItemSentBack(
    Guid ItemId, Guid UnitId, string UnitName, string Title, string Reason, DateOnly NewDeadline, int SendBackCount) : IDomainEvent;

public sealed record ItemDeadlineExtended(Guid ItemId, Guid UnitId, DateOnly PreviousDeadline, DateOnly NewDeadline) : IDomainEvent;

public sealed record ItemFellOverdue(Guid ItemId, Guid UnitId, string UnitName, string Title, DateOnly Deadline) : IDomainEvent;

/// <summary>A ladder step was applied; a referral carries the item's whole file, this step included.</summary>
public sealed record ItemEscalated(
    Guid ItemId, Guid FindingId, Guid UnitId, string UnitName, string Title, string Severity, string Step, int StepOrder,
    string Reason, DateOnly Deadline, bool CopyToDiscipline, bool CopyToOrganisation, IReadOnlyList<ItemHistoryEntry> File) : IDomainEvent;

/// <summary>A closed item was reopened; <paramref name="Cause"/> says why (look_back).</summary>
public sealed record ItemReopened(
    Guid ItemId, Guid UnitId, string UnitName, string Title, string Cause, string Reason, DateOnly NewDeadline, Guid? LookBackMissionId) : IDomainEvent;
