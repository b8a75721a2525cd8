using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Node;
using Platform.BuildingBlocks.Outbox;
using Platform.Contracts.Events;
using Platform.Contracts.Events.Assessment;
using Platform.Contracts.Events.Federation;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// Duty-report campaigns down, their counts up, and the party and government heads' dossiers one level up (ADR 0023).
/// Assessment owns the meaning; the edge only carries it, as for tasks (ADR 0018).
/// </summary>
public static class FederationCampaignFlows
{
    /// <summary>Down: a campaign with its duty list, or a new revision of it, for the child's own roster.</summary>
    public const string CascadedCampaign = "federation.campaign_cascaded.v1";

    /// <summary>Up: a child's counts on a cascaded campaign, with its own children's rows.</summary>
    public const string CampaignProgress = "federation.campaign_progress.v1";

    /// <summary>Up, one level only: the dossier of one of the child's party and government heads.</summary>
    public const string LeaderDossier = "federation.leader_dossier.v1";

    public static IServiceCollection AddPlatformFederationCampaignFlows(this IServiceCollection services)
    {
        services.AddPlatformConsumer<CampaignCascadedConsumer>("federation-campaign-cascaded");
        services.AddPlatformConsumer<ReceivedCampaignProgressedConsumer>("federation-campaign-progressed");
        services.AddPlatformConsumer<LeaderDossierChangedConsumer>("federation-leader-dossier-changed");
        services.AddSingleton<IFederationMessageHandler, CascadedCampaignHandler>();
        services.AddSingleton<IFederationMessageHandler, CampaignProgressHandler>();
        services.AddSingleton<IFederationMessageHandler, LeaderDossierHandler>();
        return services;
    }
}

/// <summary>The payload of <see cref="FederationCampaignFlows.CascadedCampaign"/>: the parent's campaign as its office wrote it.</summary>
public sealed record CascadedCampaignMessage(
    Guid CampaignId, int Revision, string Title, int Year, string Kind, IReadOnlyList<string> Duties, IReadOnlyList<string> Forms,
    IReadOnlyList<string> PublicEvaluationForms, DateTimeOffset CascadedAt);

/// <summary>The payload of <see cref="FederationCampaignFlows.CampaignProgress"/>: CampaignId is the receiver's (the parent's) campaign.</summary>
public sealed record CampaignProgressMessage(Guid CampaignId, IReadOnlyList<CampaignNodeProgress> Nodes);

/// <summary>The payload of <see cref="FederationCampaignFlows.LeaderDossier"/>; Dossier is platform.assessment.v1.Dossier as proto3 JSON.</summary>
public sealed record LeaderDossierMessage(
    Guid PersonId, string Name, string UnitName, string Position, string PostKind, bool Serving, string Dossier, DateTimeOffset AsOf);

/// <summary>
/// Puts a cascaded campaign on the link of each child assessment recorded it for, or (an older node's event, naming
/// none) of every child that is not revoked; a pending child gets it once approved.
/// </summary>
[WireName("federation.campaign_cascaded_consumer.v1")]
public sealed class CampaignCascadedConsumer(FederationDbContext db, TimeProvider clock)
    : IdempotentConsumer<CampaignCascaded, FederationDbContext>(db, clock)
{
    protected override async Task HandleAsync(
        CampaignCascaded message, ConsumeContext<CampaignCascaded> context)
    {
        // Assessment takes counts back only from the children it recorded: one it knew none of gets nothing.
        if (message.ChildNodeIds is { Count: 0 })
        {
            return;
        }
        var payload = FederationFlows.Serialize(new CascadedCampaignMessage(
            message.CampaignId, message.Revision, message.Title, message.Year, message.Kind, message.Duties, message.Forms,
            message.PublicEvaluationForms, message.OccurredAt));
        // The local event's id is the message id on every link, so a redelivered event adds nothing.
        await LinkOutbox.EnqueueOnChildrenAsync(
            Db, context.MessageId!.Value, FederationCampaignFlows.CascadedCampaign, payload, message.OccurredAt, message.ChildNodeIds ?? [], context.CancellationToken);
    }
}

/// <summary>Puts a received campaign's counts on the link to the parent that cascaded it; only the newest waits (one per round).</summary>
[WireName("federation.campaign_progressed_consumer.v1")]
public sealed partial class ReceivedCampaignProgressedConsumer(
    FederationDbContext db, TimeProvider clock, ILogger<ReceivedCampaignProgressedConsumer> logger)
    : IdempotentConsumer<ReceivedCampaignProgressed, FederationDbContext>(db, clock)
{
    protected override async Task HandleAsync(ReceivedCampaignProgressed message, ConsumeContext<ReceivedCampaignProgressed> context)
    {
        var parent = await Db.Links.SingleOrDefaultAsync(l => l.Role == LinkRole.Parent && l.PeerNodeId == message.ParentNodeId, context.CancellationToken);
        if (parent is null)
        {
            LogNoSuchParent(logger, message.OriginCampaignId, message.ParentNodeId);
            return;
        }
        await LinkOutbox.EnqueueLatestAsync(
            Db, parent.Id, $"campaign_progress:{message.OriginCampaignId}", context.MessageId!.Value, FederationCampaignFlows.CampaignProgress,
            FederationFlows.Serialize(new CampaignProgressMessage(message.OriginCampaignId, message.Nodes)), message.OccurredAt, context.CancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counts on campaign {CampaignId} are for node {NodeId}, which is not this node's parent; not sent")]
    private static partial void LogNoSuchParent(ILogger logger, Guid campaignId, string nodeId);
}

/// <summary>Puts a party and government head's dossier on the link to the parent; a node with no parent (a province) keeps it.</summary>
[WireName("federation.leader_dossier_changed_consumer.v1")]
public sealed class LeaderDossierChangedConsumer(FederationDbContext db, TimeProvider clock)
    : IdempotentConsumer<LeaderDossierChanged, FederationDbContext>(db, clock)
{
    protected override async Task HandleAsync(LeaderDossierChanged message, ConsumeContext<LeaderDossierChanged> context)
    {
        var parent = await Db.Links.FirstOrDefaultAsync(l => l.Role == LinkRole.Parent, context.CancellationToken);
        if (parent is null)
        {
            return;
        }
        // Each dossier is whole: only the newest of a person waits on the link.
        await LinkOutbox.EnqueueLatestAsync(
            Db, parent.Id, $"leader_dossier:{message.PersonId}", context.MessageId!.Value, FederationCampaignFlows.LeaderDossier,
            FederationFlows.Serialize(new LeaderDossierMessage(
                message.PersonId, message.Name, message.UnitName, message.Position, message.PostKind, message.Serving, message.Dossier, message.OccurredAt)),
            message.OccurredAt, context.CancellationToken);
    }
}

/// <summary>A campaign cascaded by the parent becomes this node's <see cref="CampaignReceived"/>.</summary>
public sealed class CascadedCampaignHandler(IOptions<NodeOptions> node, ILogger<CascadedCampaignHandler> logger)
    : DirectedFlowHandler<CascadedCampaignMessage>(LinkRole.Parent, logger)
{
    public override string WireName => FederationCampaignFlows.CascadedCampaign;

    protected override IIntegrationEvent ToLocalEvent(FederationLink link, CascadedCampaignMessage campaign, FederationEnvelope envelope) => new CampaignReceived(
        link.PeerNodeId, campaign.CampaignId, campaign.Revision, campaign.Title, campaign.Year, campaign.Kind, campaign.Duties, campaign.Forms,
        campaign.PublicEvaluationForms, campaign.CascadedAt, node.Value.RegionCode, envelope.OccurredAt, node.Value.Id);
}

/// <summary>
/// A child's counts become this node's <see cref="ChildCampaignProgressReceived"/>, under the same rule as task progress
/// (<see cref="SendersSubtree"/>, each row naming its region): rows outside the child's subtree, for this node or another
/// child, with counts that cannot be true (<see cref="CampaignFigures"/>) or as of a time ahead of this node's clock are
/// dropped. Assessment then keeps counts only from a child the campaign went to, the first child a node's came through.
/// </summary>
public sealed partial class CampaignProgressHandler(IOptions<NodeOptions> node, TimeProvider clock, ILogger<CampaignProgressHandler> logger)
    : DirectedFlowHandler<CampaignProgressMessage>(LinkRole.Child, logger)
{
    public override string WireName => FederationCampaignFlows.CampaignProgress;

    protected override async Task ApplyDirectedAsync(
        FederationDbContext db, FederationLink link, CampaignProgressMessage progress, FederationEnvelope envelope, CancellationToken cancellationToken)
    {
        var refused = await SendersSubtree.RefusedNodeIdsAsync(db, link, node.Value.Id, cancellationToken);
        var kept = SendersSubtree.Keep(link, progress.Nodes, n => n.NodeId, n => n.ParentNodeId, n => n.RegionCode, refused);
        var now = clock.GetUtcNow();
        var implausible = kept.RemoveAll(row => !CampaignFigures.Plausible(row) || !SendersSubtree.Believable(row.AsOf, now));
        if (kept.Count < progress.Nodes.Count)
        {
            LogRowsDropped(Logger, envelope.MessageId, link.PeerNodeId, progress.Nodes.Count - kept.Count - implausible, implausible);
        }
        db.AddIntegrationEvent(new ChildCampaignProgressReceived(link.PeerNodeId, progress.CampaignId, kept, envelope.OccurredAt, node.Value.Id));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign counts {MessageId} from {NodeId}: {Foreign} row(s) outside that child's subtree or region and {Implausible} row(s) with counts that cannot be true or as of a time ahead of this node's clock; dropped")]
    private static partial void LogRowsDropped(ILogger logger, Guid messageId, string nodeId, int foreign, int implausible);
}

/// <summary>
/// A child's leader dossier becomes this node's <see cref="LeaderDossierReceived"/>, named by the link (the child's node and
/// region), never by the payload. It goes no higher: a level assesses the heads of the level below it (下管一级).
/// </summary>
public sealed class LeaderDossierHandler(IOptions<NodeOptions> node, TimeProvider clock, ILogger<LeaderDossierHandler> logger)
    : DirectedFlowHandler<LeaderDossierMessage>(LinkRole.Child, logger)
{
    public override string WireName => FederationCampaignFlows.LeaderDossier;

    protected override IIntegrationEvent ToLocalEvent(FederationLink link, LeaderDossierMessage dossier, FederationEnvelope envelope)
    {
        // A dossier that does not parse, names another person or is absurdly large is kept as unreadable for the operator,
        // never stored as a dossier: the parent's read and export of it would fail. One "as of" ahead of this node's clock
        // would win over every later dossier of the person.
        var (_, reason) = LeaderDossierJson.Read(dossier.Dossier, dossier.PersonId);
        if (reason.Length == 0 && !SendersSubtree.Believable(dossier.AsOf, clock.GetUtcNow()))
        {
            reason = $"the dossier is as of {dossier.AsOf:O}, ahead of this node's clock";
        }
        if (reason.Length > 0)
        {
            throw new UnreadablePayloadException(envelope, reason);
        }
        return new LeaderDossierReceived(
            link.PeerNodeId, link.PeerRegionCode, dossier.PersonId, dossier.Name, dossier.UnitName, dossier.Position, dossier.PostKind, dossier.Serving,
            dossier.Dossier, dossier.AsOf, envelope.OccurredAt, node.Value.Id);
    }
}
