using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Node;
using Platform.BuildingBlocks.Outbox;
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
    : IdempotentConsumer<CalendarUpdateIssued, FederationDbContext>(db, clock)
{
    // The local event's id is the message id on every link, so a redelivered event adds nothing.
    protected override Task HandleAsync(CalendarUpdateIssued message, ConsumeContext<CalendarUpdateIssued> context) =>
        LinkOutbox.EnqueueOnChildrenAsync(
            Db, context.MessageId!.Value, FederationCalendarFlows.CalendarUpdate, FederationFlows.Serialize(message.Update), message.OccurredAt,
            message.ChildNodeIds, context.CancellationToken);
}

/// <summary>
/// A calendar update from the parent becomes this node's <see cref="CalendarUpdateReceived"/> and goes on, unchanged and
/// under the same message id, to every child of this node that is not revoked, in the transaction of the inbox row.
/// </summary>
public sealed class CalendarUpdateHandler(IOptions<NodeOptions> node, ILogger<CalendarUpdateHandler> logger)
    : DirectedFlowHandler<CalendarUpdate>(LinkRole.Parent, logger)
{
    public override string WireName => FederationCalendarFlows.CalendarUpdate;

    protected override async Task ApplyDirectedAsync(
        FederationDbContext db, FederationLink link, CalendarUpdate update, FederationEnvelope envelope, CancellationToken cancellationToken)
    {
        db.AddIntegrationEvent(ToLocalEvent(link, update, envelope));
        await LinkOutbox.EnqueueOnChildrenAsync(db, envelope.MessageId, WireName, envelope.Payload, envelope.OccurredAt, [], cancellationToken);
    }

    protected override IIntegrationEvent ToLocalEvent(FederationLink link, CalendarUpdate update, FederationEnvelope envelope) =>
        new CalendarUpdateReceived(link.PeerNodeId, update, envelope.OccurredAt, node.Value.Id);
}
