using Platform.Contracts.Events.Assessment;

namespace Platform.Contracts.Events.Federation;

/// <summary>The parent cascaded a duty-report campaign (or a new revision of it) to this node; raised by the edge (ADR 0023).</summary>
[WireName("federation.campaign_received.v1")]
public sealed record CampaignReceived(
    string SenderNodeId,
    Guid OriginCampaignId,
    int Revision,
    string Title,
    int Year,
    string Kind,
    IReadOnlyList<string> Duties,
    IReadOnlyList<string> Forms,
    IReadOnlyList<string> PublicEvaluationForms,
    DateTimeOffset CascadedAt,
    string RegionCode,
    DateTimeOffset OccurredAt,
    string NodeId) : IIntegrationEvent;

/// <summary>A child sent its counts on a campaign this node cascaded (CampaignId is this node's), with its own children's rows.</summary>
[WireName("federation.campaign_progress_received.v1")]
public sealed record ChildCampaignProgressReceived(
    string SenderNodeId, Guid CampaignId, IReadOnlyList<CampaignNodeProgress> Nodes, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;

/// <summary>A child sent the dossier of one of its party and government heads; raised by the edge (ADR 0023).</summary>
[WireName("federation.leader_dossier_received.v1")]
public sealed record LeaderDossierReceived(
    string SenderNodeId, string SenderRegionCode, Guid PersonId, string Name, string UnitName, string Position, string PostKind,
    bool Serving, string Dossier, DateTimeOffset AsOf, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;
