using Platform.Contracts.Events.Federation;

namespace Platform.Contracts.Events.Planning;

/// <summary>
/// The office issued a calendar update for the child nodes named (every child that is not revoked when none is named);
/// raised by planning, which applies it at this node in the same save (ADR 0024).
/// </summary>
[WireName("planning.calendar_update_issued.v1")]
public sealed record CalendarUpdateIssued(
    CalendarUpdate Update, IReadOnlyList<string> ChildNodeIds, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;

/// <summary>
/// The office issued a reporting-rule update for the child nodes named (every child that is not revoked when none is
/// named); raised by planning, which applies it at this node in the same save (ADR 0024).
/// </summary>
[WireName("planning.reporting_rule_update_issued.v1")]
public sealed record ReportingRuleUpdateIssued(
    ReportingRuleUpdate Update, IReadOnlyList<string> ChildNodeIds, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;
