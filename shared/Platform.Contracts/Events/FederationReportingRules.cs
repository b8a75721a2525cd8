namespace Platform.Contracts.Events.Federation;

/// <summary>
/// Reporting rules as an office issued them for the nodes below it (ADR 0024): rules to add, or to replace under the same
/// code, stated as planning's <c>reporting-rules.json</c> states them (<see cref="Rules"/> is such a document:
/// <c>{"rules": [...]}</c>), under the issuing node's id, level and a version that only grows per issuer.
/// </summary>
public sealed record ReportingRuleUpdate(
    Guid UpdateId,
    string IssuerNodeId,
    string IssuerLevel,
    long Version,
    string Rules,
    string? Notice,
    DateTimeOffset IssuedAt);

/// <summary>A reporting-rule update came from above (the parent, or relayed by it from higher up); raised by the federation edge.</summary>
[WireName("federation.reporting_rule_update_received.v1")]
public sealed record ReportingRuleUpdateReceived(
    string SenderNodeId, ReportingRuleUpdate Update, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;
