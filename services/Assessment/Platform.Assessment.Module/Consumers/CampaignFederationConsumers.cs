using MassTransit;
using Platform.Assessment.Module.Features.DutyReports;
using Platform.BuildingBlocks.Outbox;
using Platform.Contracts.Events;
using Platform.Contracts.Events.Federation;

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
        Db.AddIntegrationEvent(CampaignCascade.For(campaign, by));
    }
}

/// <summary>What a child sent up about a campaign this node cascaded is stored per node, the newest winning (ADR 0023).</summary>
[WireName("assessment.campaign_progress_received_consumer.v1")]
public sealed class ChildCampaignProgressReceivedConsumer(AssessmentDbContext db, TimeProvider clock)
    : IdempotentConsumer<ChildCampaignProgressReceived, AssessmentDbContext>(db, clock)
{
    public const string QueueName = "assessment-campaign-progress-received";

    protected override async Task HandleAsync(ChildCampaignProgressReceived m, ConsumeContext<ChildCampaignProgressReceived> context)
    {
        // Only a campaign this node sent down takes counts from below.
        if (!await Db.Campaigns.AnyAsync(c => c.Id == m.CampaignId && c.CascadedAt != null, context.CancellationToken))
        {
            return;
        }
        var nodeIds = m.Nodes.Select(n => n.NodeId).ToList();
        var rows = await Db.CampaignNodeCounts.Where(c => c.CampaignId == m.CampaignId && nodeIds.Contains(c.NodeId)).ToDictionaryAsync(c => c.NodeId, context.CancellationToken);
        var now = Clock.GetUtcNow();
        foreach (var node in m.Nodes.DistinctBy(n => n.NodeId))
        {
            if (!rows.TryGetValue(node.NodeId, out var row))
            {
                row = CampaignNodeCounts.Create(m.CampaignId, node.NodeId);
                Db.CampaignNodeCounts.Add(row);
            }
            row.Update(node.ParentNodeId, m.SenderNodeId, node.RegionCode, node.AsOf, AssessmentUpstream.CountsToJson(node.Counts), now);
        }
    }
}

/// <summary>A child's party and government head's dossier is kept as it came, the newest winning (ADR 0023).</summary>
[WireName("assessment.leader_dossier_received_consumer.v1")]
public sealed class LeaderDossierReceivedConsumer(AssessmentDbContext db, TimeProvider clock)
    : IdempotentConsumer<LeaderDossierReceived, AssessmentDbContext>(db, clock)
{
    public const string QueueName = "assessment-leader-dossier-received";

    protected override async Task HandleAsync(LeaderDossierReceived m, ConsumeContext<LeaderDossierReceived> context)
    {
        var row = await Db.DossiersFromBelow.SingleOrDefaultAsync(d => d.NodeId == m.SenderNodeId && d.PersonId == m.PersonId, context.CancellationToken);
        if (row is null)
        {
            row = ReceivedDossier.Create(m.SenderNodeId, m.PersonId);
            Db.DossiersFromBelow.Add(row);
        }
        row.Update(m.SenderRegionCode, Clip(m.Name, 100), Clip(m.UnitName, 200), Clip(m.Position, 200), Clip(m.PostKind, 30), m.Serving, m.Dossier, m.AsOf, Clock.GetUtcNow());
    }

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..max];
}
