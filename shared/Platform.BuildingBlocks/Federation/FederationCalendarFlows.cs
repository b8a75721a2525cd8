using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Node;
using Platform.Contracts.Events;
using Platform.Contracts.Events.Federation;
using Platform.Contracts.Events.Planning;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// Working-day calendar updates down (ADR 0024): a year's holidays and make-up working days as an office issued them go
/// to its children and, relayed by each node, to the whole subtree. Planning owns the meaning; the edge only carries it.
/// Registered with the other flows by <see cref="FederationFlows.AddPlatformFederationFlows"/>. Reporting-rule updates
/// (<see cref="FederationReportingRuleFlows"/>) travel the same way, below.
/// </summary>
public static class FederationCalendarFlows
{
    /// <summary>Down: one year's calendar, under its issuer's node id, level and version.</summary>
    public const string CalendarUpdate = "federation.calendar_update.v1";
}

/// <summary>Puts a calendar update the office issued on the links of the children it named, or of every child not revoked.</summary>
[WireName("federation.calendar_update_issued_consumer.v1")]
public sealed class CalendarUpdateIssuedConsumer(FederationDbContext db, TimeProvider clock)
    : IssuedForSubtreeConsumer<CalendarUpdateIssued>(db, clock, FederationCalendarFlows.CalendarUpdate, m => (m.Update, m.ChildNodeIds));

/// <summary>A calendar update from the parent becomes this node's <see cref="CalendarUpdateReceived"/> and goes on to its children.</summary>
public sealed class CalendarUpdateHandler(IOptions<NodeOptions> node, ILogger<CalendarUpdateHandler> logger)
    : RelayedDownHandler<CalendarUpdate>(
        FederationCalendarFlows.CalendarUpdate, logger, (link, update, envelope) => new CalendarUpdateReceived(link.PeerNodeId, update, envelope.OccurredAt, node.Value.Id));

/// <summary>
/// Reporting-rule updates down (ADR 0024): rules (a code and its deadlines, as planning's <c>reporting-rules.json</c> states
/// them) an office issued for the nodes below it, relayed by each node to the whole subtree, on the calendar's path.
/// </summary>
public static class FederationReportingRuleFlows
{
    /// <summary>Down: rules to add or replace, under their issuer's node id, level and version.</summary>
    public const string ReportingRuleUpdate = "federation.reporting_rule_update.v1";
}

/// <summary>A reporting-rule update from the parent becomes this node's <see cref="ReportingRuleUpdateReceived"/> and goes on to its children.</summary>
public sealed class ReportingRuleUpdateHandler(IOptions<NodeOptions> node, ILogger<ReportingRuleUpdateHandler> logger)
    : RelayedDownHandler<ReportingRuleUpdate>(
        FederationReportingRuleFlows.ReportingRuleUpdate, logger,
        (link, update, envelope) => new ReportingRuleUpdateReceived(link.PeerNodeId, update, envelope.OccurredAt, node.Value.Id));

/// <summary>Puts a reporting-rule update the office issued on the links of the children it named, or of every child not revoked.</summary>
[WireName("federation.reporting_rule_update_issued_consumer.v1")]
public sealed class ReportingRuleUpdateIssuedConsumer(FederationDbContext db, TimeProvider clock)
    : IssuedForSubtreeConsumer<ReportingRuleUpdateIssued>(db, clock, FederationReportingRuleFlows.ReportingRuleUpdate, m => (m.Update, m.ChildNodeIds));
