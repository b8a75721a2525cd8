using MassTransit;
using Microsoft.Extensions.Logging;
using Platform.Assessment.Module.Features.DutyReports;
using Platform.BuildingBlocks.Federation;
using Platform.BuildingBlocks.Outbox;
using Platform.Contracts.Events;
using Platform.Contracts.Events.Federation;
using Wire = Platform.Contracts.Events.Assessment;

namespace Platform.Assessment.Module.Consumers;

/// <summary>
/// A campaign from the parent node (ADR 0023) becomes one of this node's campaigns, with the parent's duty list and forms,
/// and goes on to this node's children at once; a newer revision replaces the title, duty list and forms and goes on too.
/// Rosters and reports are never touched: each node generates its own roster from its own people.
/// </summary>
[WireName("assessment.campaign_received_consumer.v1")]
public sealed class CampaignReceivedConsumer(AssessmentDbContext db, TimeProvider clock)
    : IdempotentConsumer<CampaignReceived, AssessmentDbContext>(db, clock)
{
    public const string QueueName = "assessment-campaign-received";

    protected override async Task HandleAsync(CampaignReceived m, ConsumeContext<CampaignReceived> context)
    {
        var duties = CampaignCascade.FromWire(m.Duties);
        var by = new Audit("federation:" + m.SenderNodeId, Clock.GetUtcNow(), m.NodeId);
        var campaign = await Db.Campaigns.SingleOrDefaultAsync(c => c.OriginNodeId == m.SenderNodeId && c.OriginCampaignId == m.OriginCampaignId, context.CancellationToken);
        if (campaign is null)
        {
            var kind = DutyReportRules.Kinds.GetValueOrDefault(m.Kind, CampaignKind.Annual);
            campaign = DutyCampaign.Receive(
                m.SenderNodeId, m.OriginCampaignId, m.Revision, m.Title, m.Year, kind, duties, m.Forms, m.PublicEvaluationForms, m.NodeId, m.RegionCode, by);
            Db.Campaigns.Add(campaign);
            campaign.MarkCascaded(by.At);
        }
        else if (!campaign.ApplyRevision(m.Revision, m.Title, duties, m.Forms, m.PublicEvaluationForms))
        {
            return;
        }
        Db.AddIntegrationEvent(await CampaignCascade.ToChildrenAsync(Db, campaign, by, context.CancellationToken));
    }
}

/// <summary>
/// What a child sent up about a campaign this node cascaded is stored per node, the newest winning (ADR 0023). Counts are
/// kept only from a child the campaign was sent to whose link is not revoked, a node's counts only from the child they
/// first came through, and only counts that can be true, as of a time not ahead of this node's clock (the edge checked
/// the same; a message from before that check is checked here).
/// </summary>
[WireName("assessment.campaign_progress_received_consumer.v1")]
public sealed partial class ChildCampaignProgressReceivedConsumer(AssessmentDbContext db, TimeProvider clock, ILogger<ChildCampaignProgressReceivedConsumer> logger)
    : IdempotentConsumer<ChildCampaignProgressReceived, AssessmentDbContext>(db, clock)
{
    public const string QueueName = "assessment-campaign-progress-received";

    /// <summary>The longest node id the store keeps (the edge's own bound on a node id).</summary>
    private const int MaxNodeIdLength = 64;

    protected override async Task HandleAsync(ChildCampaignProgressReceived m, ConsumeContext<ChildCampaignProgressReceived> context)
    {
        // Only a campaign this node sent down takes counts from below, and only from a child it went to.
        if (!await Db.Campaigns.AnyAsync(c => c.Id == m.CampaignId && c.CascadedAt != null, context.CancellationToken))
        {
            return;
        }
        if (!await Db.CampaignChildCascades.AnyAsync(c => c.CampaignId == m.CampaignId && c.ChildNodeId == m.SenderNodeId, context.CancellationToken)
            || !await Db.ChildNodes.AnyAsync(c => c.NodeId == m.SenderNodeId && c.State != "revoked", context.CancellationToken))
        {
            LogNotCascadedTo(logger, m.CampaignId, m.SenderNodeId);
            return;
        }
        var now = Clock.GetUtcNow();
        var nodes = m.Nodes.OfType<Wire.CampaignNodeProgress>().DistinctBy(n => n.NodeId).ToList();
        var nodeIds = nodes.Select(n => n.NodeId).ToList();
        var rows = await Db.CampaignNodeCounts.Where(c => c.CampaignId == m.CampaignId && nodeIds.Contains(c.NodeId)).ToDictionaryAsync(c => c.NodeId, context.CancellationToken);
        foreach (var node in nodes)
        {
            if (!CampaignFigures.Plausible(node) || !SendersSubtree.Believable(node.AsOf, now)
                || node.NodeId is not { Length: > 0 and <= MaxNodeIdLength } || node.ParentNodeId is not { Length: <= MaxNodeIdLength } || node.RegionCode is not { Length: 6 })
            {
                LogImplausible(logger, m.CampaignId, node.NodeId, m.SenderNodeId);
                continue;
            }
            if (!rows.TryGetValue(node.NodeId, out var row))
            {
                row = CampaignNodeCounts.Create(m.CampaignId, node.NodeId);
                Db.CampaignNodeCounts.Add(row);
            }
            else if (row.CameThroughOtherThan(m.SenderNodeId))
            {
                LogOtherChildsNode(logger, m.CampaignId, node.NodeId, m.SenderNodeId, row.SenderNodeId);
                continue;
            }
            row.Update(node.ParentNodeId, m.SenderNodeId, node.RegionCode, node.AsOf, AssessmentUpstream.CountsToJson(node.Counts), now);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counts on campaign {CampaignId} from child {SenderNodeId} dropped: the campaign was not sent to that child, or its link is revoked")]
    private static partial void LogNotCascadedTo(ILogger logger, Guid campaignId, string senderNodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counts on campaign {CampaignId} for node {NodeId} from child {SenderNodeId} ignored: that node's counts come through child {ViaNodeId}")]
    private static partial void LogOtherChildsNode(ILogger logger, Guid campaignId, string nodeId, string senderNodeId, string viaNodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counts on campaign {CampaignId} for node {NodeId} from child {SenderNodeId} ignored: they cannot be true (figures, node id, region or as-of time)")]
    private static partial void LogImplausible(ILogger logger, Guid campaignId, string nodeId, string senderNodeId);
}

/// <summary>The edge's list of child links replaces the one kept for cascades, unless it is older (ADR 0018, 0023).</summary>
[WireName("assessment.child_links_consumer.v1")]
public sealed class ChildLinksChangedConsumer(AssessmentDbContext db, TimeProvider clock)
    : ChildLinksChangedConsumerBase<AssessmentDbContext>(db, clock)
{
    public const string QueueName = "assessment-child-links";
}

/// <summary>
/// A child's party and government head's dossier is kept as it came, the newest winning (ADR 0023); one that is not a
/// readable dossier of that person (<see cref="LeaderDossierJson"/>, checked by the edge too) is not kept.
/// </summary>
[WireName("assessment.leader_dossier_received_consumer.v1")]
public sealed partial class LeaderDossierReceivedConsumer(AssessmentDbContext db, TimeProvider clock, ILogger<LeaderDossierReceivedConsumer> logger)
    : IdempotentConsumer<LeaderDossierReceived, AssessmentDbContext>(db, clock)
{
    public const string QueueName = "assessment-leader-dossier-received";

    protected override async Task HandleAsync(LeaderDossierReceived m, ConsumeContext<LeaderDossierReceived> context)
    {
        var (_, reason) = LeaderDossierJson.Read(m.Dossier, m.PersonId);
        if (reason.Length > 0 || !SendersSubtree.Believable(m.AsOf, Clock.GetUtcNow()))
        {
            LogUnreadable(logger, m.PersonId, m.SenderNodeId, reason.Length > 0 ? reason : "as of a time ahead of this node's clock");
            return;
        }
        var row = await Db.DossiersFromBelow.SingleOrDefaultAsync(d => d.NodeId == m.SenderNodeId && d.PersonId == m.PersonId, context.CancellationToken);
        if (row is null)
        {
            row = ReceivedDossier.Create(m.SenderNodeId, m.PersonId);
            Db.DossiersFromBelow.Add(row);
        }
        row.Update(m.SenderRegionCode, Clip(m.Name, 100), Clip(m.UnitName, 200), Clip(m.Position, 200), Clip(m.PostKind, 30), m.Serving, m.Dossier, m.AsOf, Clock.GetUtcNow());
    }

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..max];

    [LoggerMessage(Level = LogLevel.Warning, Message = "The dossier of person {PersonId} from child {SenderNodeId} is not kept: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, Guid personId, string senderNodeId, string reason);
}
