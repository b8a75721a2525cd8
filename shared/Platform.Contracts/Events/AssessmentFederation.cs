namespace Platform.Contracts.Events.Assessment;

/// <summary>
/// The roster of one campaign at one node, counted by unit, level and kind of post (ADR 0023): numbers only, never a
/// reporter's name or report. Level and kind of post are wire names (county, party_government_head).
/// </summary>
public sealed record CampaignCount(
    Guid UnitId, string UnitName, string Level, string PostKind,
    int Due, int Submitted, int Reviewed, int SentBack, int Excused, int Excellent, int Good, int Fair, int Poor);

/// <summary>One node's counts on a campaign, as of a moment; ParentNodeId is the node it reports to.</summary>
public sealed record CampaignNodeProgress(
    string NodeId, string ParentNodeId, string RegionCode, DateTimeOffset AsOf, IReadOnlyList<CampaignCount> Counts);

/// <summary>
/// The office sent a campaign (or a new revision of it) to the child nodes (ADR 0023). Duties are "level:post_kind" in
/// wire names. Raised again, with the new revision, whenever a cascaded campaign is revised. ChildNodeIds names the
/// children assessment recorded it for (every child not revoked that it knew of), the only ones the edge sends it to;
/// null (an event of an older node) means every child not revoked.
/// </summary>
[WireName("assessment.campaign_cascaded.v1")]
public sealed record CampaignCascaded(
    Guid CampaignId,
    int Revision,
    string Title,
    int Year,
    string Kind,
    IReadOnlyList<string> Duties,
    IReadOnlyList<string> Forms,
    IReadOnlyList<string> PublicEvaluationForms,
    string CascadedBy,
    DateTimeOffset OccurredAt,
    string NodeId,
    IReadOnlyList<string>? ChildNodeIds = null) : IIntegrationEvent;

/// <summary>
/// A campaign received from the parent changed at this node (its roster, or what its own children sent up): this node's
/// counts and its descendants' rows, for the parent that cascaded it (OriginCampaignId is the parent's campaign).
/// </summary>
[WireName("assessment.received_campaign_progressed.v1")]
public sealed record ReceivedCampaignProgressed(
    string ParentNodeId, Guid OriginCampaignId, IReadOnlyList<CampaignNodeProgress> Nodes, DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;

/// <summary>
/// The dossier (法治档案) of a party and government head (党政主要负责人) of this node changed; the edge sends it to the
/// parent, whose office assesses them (ADR 0023). Dossier is platform.assessment.v1.Dossier in its proto3 JSON form.
/// </summary>
[WireName("assessment.leader_dossier_changed.v1")]
public sealed record LeaderDossierChanged(
    Guid PersonId, string Name, string UnitName, string Position, string PostKind, bool Serving, string Dossier,
    DateTimeOffset OccurredAt, string NodeId) : IIntegrationEvent;
