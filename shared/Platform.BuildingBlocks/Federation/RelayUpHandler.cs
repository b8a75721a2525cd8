using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Node;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// The receiving side of a flow that goes up to the node it concerns (ADR 0022: notice receipts, rectification status):
/// a message for this node becomes a local event; one for a node higher up is relayed on to the parent, in the same
/// transaction as the inbox row. A child speaks for its own subtree only: a message naming a region outside it is dropped.
/// </summary>
public abstract partial class RelayUpHandler<TPayload>(IOptions<NodeOptions> node, ILogger logger)
    : DirectedFlowHandler<TPayload>(LinkRole.Child, logger)
{
    protected IOptions<NodeOptions> Node => node;

    /// <summary>The region the message speaks for (a node of the sender's subtree).</summary>
    protected abstract string RegionOf(TPayload payload);

    /// <summary>The node the message speaks for: the one whose addressees got the notice, or that holds the item.</summary>
    protected abstract string NodeOf(TPayload payload);

    /// <summary>The node the message is for: the one that sent the notice or ran the mission.</summary>
    protected abstract string DestinationOf(TPayload payload);

    /// <summary>What the message is about, for the log (a notice's or an item's id).</summary>
    protected abstract Guid SubjectOf(TPayload payload);

    /// <summary>Puts the message on the parent link as it came; a flow whose messages supersede each other coalesces them.</summary>
    protected virtual Task RelayAsync(FederationDbContext db, Guid parentLinkId, TPayload payload, FederationEnvelope envelope, CancellationToken cancellationToken) =>
        LinkOutbox.EnqueueAsync(db, parentLinkId, envelope.MessageId, WireName, envelope.Payload, envelope.OccurredAt, cancellationToken);

    protected sealed override async Task ApplyDirectedAsync(
        FederationDbContext db, FederationLink link, TPayload payload, FederationEnvelope envelope, CancellationToken cancellationToken)
    {
        // A message naming no node would be stored for nobody (or relayed up to no one): an honest sender always names both.
        if (string.IsNullOrWhiteSpace(NodeOf(payload)) || string.IsNullOrWhiteSpace(DestinationOf(payload)))
        {
            LogNoNode(Logger, WireName, SubjectOf(payload), link.PeerNodeId);
            return;
        }
        if (!Regions.Routes(link.PeerRegionCode, RegionOf(payload)))
        {
            LogForeignRegion(Logger, WireName, SubjectOf(payload), link.PeerNodeId, RegionOf(payload));
            return;
        }
        if (DestinationOf(payload) == node.Value.Id)
        {
            db.AddIntegrationEvent(ToLocalEvent(link, payload, envelope));
            return;
        }
        var parent = await db.Links.FirstOrDefaultAsync(l => l.Role == LinkRole.Parent, cancellationToken);
        if (parent is null)
        {
            LogNoParent(Logger, WireName, SubjectOf(payload), DestinationOf(payload));
            return;
        }
        await RelayAsync(db, parent.Id, payload, envelope, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {WireName} message about {Subject} from {NodeId} names no node it speaks for or no node it is for; dropped")]
    private static partial void LogNoNode(ILogger logger, string wireName, Guid subject, string nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {WireName} message about {Subject} from {NodeId} names region {RegionCode}, outside that child's region; dropped")]
    private static partial void LogForeignRegion(ILogger logger, string wireName, Guid subject, string nodeId, string regionCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {WireName} message about {Subject} for node {DestinationNodeId} has no parent link to go up; dropped")]
    private static partial void LogNoParent(ILogger logger, string wireName, Guid subject, string destinationNodeId);
}
