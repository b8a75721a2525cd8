using Platform.BuildingBlocks.Kernel.Events;

namespace Platform.Inspection.Module.Domain;

// What happens to missions and findings, in the domain's words; the store stamps them and turns
// them into the inspection.* integration events (InspectionDbContext.MapDomainEvents).

/// <summary>The mission was announced to its targets (通知).</summary>
public sealed record MissionAnnounced(
    Guid MissionId, string Title, string Kind, int Year, IReadOnlyList<MissionTarget> Targets, IReadOnlyList<string> FocusItems,
    DateOnly StartsOn, DateOnly EndsOn) : IDomainEvent;

public sealed record FindingMade(
    Guid FindingId, Guid MissionId, Guid? ClueId, Guid UnitId, string UnitName, string Title, string Category, string Severity) : IDomainEvent;

/// <summary>Feedback went to one unit with its findings; the mission's team follows its rectification.</summary>
public sealed record FeedbackSent(
    Guid FeedbackId, Guid MissionId, string MissionTitle, string MissionKind, Guid UnitId, string UnitName, string? UnitRegionCode,
    IReadOnlyList<Finding> Findings, IReadOnlyList<string> MissionTeam) : IDomainEvent;
