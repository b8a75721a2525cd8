using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Node;
using Platform.BuildingBlocks.Outbox;
using Platform.Contracts.Events;
using Platform.Contracts.Events.Federation;
using Platform.Contracts.Events.Rectification;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// Rectification status up (ADR 0022): an item a node opened for a finding of a mission from above sends its status (no
/// finding text) to the node whose mission it was, relayed by the nodes between. Rectification owns the meaning.
/// </summary>
public static class FederationRectificationFlows
{
    /// <summary>Up: the status of an item opened for a finding of a node above (relayed by a city to the province).</summary>
    public const string RectificationStatus = "federation.rectification_status.v1";

    public static IServiceCollection AddPlatformFederationRectificationFlows(this IServiceCollection services)
    {
        services.AddPlatformConsumer<RectificationStatusForAboveConsumer>("federation-rectification-status");
        services.AddSingleton<IFederationMessageHandler, RectificationStatusHandler>();
        return services;
    }

    /// <summary>Each status is complete, so only an item's newest matters: one per item per delivery round on a link.</summary>
    internal static string CoalesceKey(Guid itemId) => $"rectification_status:{itemId}";
}

/// <summary>The payload of <see cref="FederationRectificationFlows.RectificationStatus"/>: which node holds the item, and its status.</summary>
public sealed record RectificationStatusMessage(string NodeId, RectificationItemStatus Status);

/// <summary>Puts an item's status on the link to the parent (which relays it on if the mission was higher up).</summary>
[WireName("federation.rectification_status_consumer.v1")]
public sealed partial class RectificationStatusForAboveConsumer(
    FederationDbContext db, TimeProvider clock, IOptions<NodeOptions> node, ILogger<RectificationStatusForAboveConsumer> logger)
    : IdempotentConsumer<RectificationStatusForAbove, FederationDbContext>(db, clock)
{
    protected override async Task HandleAsync(RectificationStatusForAbove message, ConsumeContext<RectificationStatusForAbove> context)
    {
        var parent = await Db.Links.FirstOrDefaultAsync(l => l.Role == LinkRole.Parent, context.CancellationToken);
        if (parent is null)
        {
            LogNoParent(logger, message.Status.ItemId, message.Status.OriginNodeId);
            return;
        }
        await LinkOutbox.EnqueueLatestAsync(
            Db, parent.Id, FederationRectificationFlows.CoalesceKey(message.Status.ItemId), context.MessageId!.Value,
            FederationRectificationFlows.RectificationStatus, FederationFlows.Serialize(new RectificationStatusMessage(node.Value.Id, message.Status)),
            message.OccurredAt, context.CancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The status of item {ItemId} for node {OriginNodeId} has no parent link to go up; not sent")]
    private static partial void LogNoParent(ILogger logger, Guid itemId, string originNodeId);
}

/// <summary>
/// An item's status from a child: for a mission of this node it becomes <see cref="RectificationStatusReceived"/>;
/// otherwise it goes on up to the parent, where only its newest status waits.
/// </summary>
public sealed class RectificationStatusHandler(IOptions<NodeOptions> node, ILogger<RectificationStatusHandler> logger)
    : RelayUpHandler<RectificationStatusMessage>(node, logger)
{
    public override string WireName => FederationRectificationFlows.RectificationStatus;

    protected override string RegionOf(RectificationStatusMessage message) => message.Status.RegionCode;

    protected override string NodeOf(RectificationStatusMessage message) => message.NodeId;

    protected override string DestinationOf(RectificationStatusMessage message) => message.Status.OriginNodeId;

    protected override Guid SubjectOf(RectificationStatusMessage message) => message.Status.ItemId;

    protected override Task RelayAsync(
        FederationDbContext db, Guid parentLinkId, RectificationStatusMessage message, FederationEnvelope envelope, CancellationToken cancellationToken) =>
        LinkOutbox.EnqueueLatestAsync(
            db, parentLinkId, FederationRectificationFlows.CoalesceKey(message.Status.ItemId), envelope.MessageId, WireName, envelope.Payload,
            envelope.OccurredAt, cancellationToken);

    protected override IIntegrationEvent ToLocalEvent(FederationLink link, RectificationStatusMessage message, FederationEnvelope envelope) =>
        new RectificationStatusReceived(message.NodeId, message.Status, envelope.OccurredAt, Node.Value.Id)
        {
            ViaNodeId = link.PeerNodeId, ViaRegionCode = link.PeerRegionCode,
        };
}
