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
/// Registered with the other flows by <see cref="FederationFlows.AddPlatformFederationFlows"/>.
/// </summary>
public static class FederationCalendarFlows
{
    /// <summary>Down: one year's calendar, under its issuer's node id, level and version.</summary>
    public const string CalendarUpdate = "federation.calendar_update.v1";
}

/// <summary>Puts a calendar update the office issued on the links of the children it named, or of every child not revoked.</summary>
[WireName("federation.calendar_update_issued_consumer.v1")]
public sealed class CalendarUpdateIssuedConsumer(FederationDbContext db, TimeProvider clock)
    : IssuedForSubtreeConsumer<CalendarUpdateIssued>(db, clock)
{
    protected override string WireName => FederationCalendarFlows.CalendarUpdate;

    protected override string Payload(CalendarUpdateIssued message) => FederationFlows.Serialize(message.Update);

    protected override IReadOnlyCollection<string> ChildNodeIds(CalendarUpdateIssued message) => [.. message.ChildNodeIds];
}

/// <summary>A calendar update from the parent becomes this node's <see cref="CalendarUpdateReceived"/> and goes on to its children.</summary>
public sealed class CalendarUpdateHandler(IOptions<NodeOptions> node, ILogger<CalendarUpdateHandler> logger)
    : RelayedDownHandler<CalendarUpdate>(logger)
{
    public override string WireName => FederationCalendarFlows.CalendarUpdate;

    protected override IIntegrationEvent ToLocalEvent(FederationLink link, CalendarUpdate update, FederationEnvelope envelope) =>
        new CalendarUpdateReceived(link.PeerNodeId, update, envelope.OccurredAt, node.Value.Id);
}
