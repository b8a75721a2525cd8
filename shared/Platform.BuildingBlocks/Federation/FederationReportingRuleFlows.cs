using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Node;
using Platform.Contracts.Events;
using Platform.Contracts.Events.Federation;
using Platform.Contracts.Events.Planning;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// Reporting-rule updates down (ADR 0024): rules (a code and its deadlines, as planning's <c>reporting-rules.json</c> states
/// them) an office issued for the nodes below it, relayed by each node to the whole subtree, as calendar updates are.
/// </summary>
public static class FederationReportingRuleFlows
{
    /// <summary>Down: rules to add or replace, under their issuer's node id, level and version.</summary>
    public const string ReportingRuleUpdate = "federation.reporting_rule_update.v1";
}

/// <summary>Puts a reporting-rule update the office issued on the links of the children it named, or of every child not revoked.</summary>
[WireName("federation.reporting_rule_update_issued_consumer.v1")]
public sealed class ReportingRuleUpdateIssuedConsumer(FederationDbContext db, TimeProvider clock)
    : IssuedForSubtreeConsumer<ReportingRuleUpdateIssued>(db, clock)
{
    protected override string WireName => FederationReportingRuleFlows.ReportingRuleUpdate;

    protected override string Payload(ReportingRuleUpdateIssued message) => FederationFlows.Serialize(message.Update);

    protected override IReadOnlyCollection<string> ChildNodeIds(ReportingRuleUpdateIssued message) => [.. message.ChildNodeIds];
}

/// <summary>A reporting-rule update from the parent becomes this node's <see cref="ReportingRuleUpdateReceived"/> and goes on to its children.</summary>
public sealed class ReportingRuleUpdateHandler(IOptions<NodeOptions> node, ILogger<ReportingRuleUpdateHandler> logger)
    : RelayedDownHandler<ReportingRuleUpdate>(logger)
{
    public override string WireName => FederationReportingRuleFlows.ReportingRuleUpdate;

    protected override IIntegrationEvent ToLocalEvent(FederationLink link, ReportingRuleUpdate update, FederationEnvelope envelope) =>
        new ReportingRuleUpdateReceived(link.PeerNodeId, update, envelope.OccurredAt, node.Value.Id);
}
