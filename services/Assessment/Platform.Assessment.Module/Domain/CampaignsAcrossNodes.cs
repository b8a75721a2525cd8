namespace Platform.Assessment.Module.Domain;

/// <summary>A campaign across nodes (ADR 0023): its revision, where it came from, and whether it was sent to the children.</summary>
public sealed partial class DutyCampaign
{
    /// <summary>0 as created, one more per revision; a received campaign keeps the sender's revision.</summary>
    public int Revision { get; private set; }

    /// <summary>The parent node that cascaded the campaign, or null for the node's own.</summary>
    public string? OriginNodeId { get; private set; }

    /// <summary>The campaign's id at <see cref="OriginNodeId"/>.</summary>
    public Guid? OriginCampaignId { get; private set; }

    /// <summary>This node's id and region when the campaign arrived: its counts go up under them.</summary>
    public string? ReceiverNodeId { get; private set; }

    public string? ReceiverRegionCode { get; private set; }

    /// <summary>When the campaign was sent to the child nodes (a received one is sent on at once), or null.</summary>
    public DateTimeOffset? CascadedAt { get; private set; }

    public bool IsReceived => OriginNodeId is not null;

    /// <summary>A campaign from the parent becomes one of this node's, with the parent's duty list and forms.</summary>
    public static DutyCampaign Receive(
        string originNodeId, Guid originCampaignId, int revision, string title, int year, CampaignKind kind, IReadOnlyCollection<DutyRule> duties,
        IReadOnlyCollection<string> forms, IReadOnlyCollection<string> publicEvaluationForms, string receiverNodeId, string receiverRegionCode, Audit stamp)
    {
        var campaign = Create(title, year, kind, duties, forms, publicEvaluationForms, stamp);
        (campaign.OriginNodeId, campaign.OriginCampaignId, campaign.Revision) = (originNodeId, originCampaignId, revision);
        (campaign.ReceiverNodeId, campaign.ReceiverRegionCode) = (receiverNodeId, receiverRegionCode);
        return campaign;
    }

    /// <summary>The office revises its own campaign: a new title, duty list and forms. The roster stays as it is.</summary>
    public void Revise(string title, IReadOnlyCollection<DutyRule> duties, IReadOnlyCollection<string> forms, IReadOnlyCollection<string> publicEvaluationForms)
    {
        if (IsReceived)
        {
            throw new PreconditionFailedException($"This campaign came from node {OriginNodeId}; its office revises it, and the revision comes down.");
        }
        Apply(Revision + 1, title, duties, forms, publicEvaluationForms);
    }

    /// <summary>A newer revision from the parent replaces the title, duty list and forms; an older or repeated one changes nothing.</summary>
    public bool ApplyRevision(
        int revision, string title, IReadOnlyCollection<DutyRule> duties, IReadOnlyCollection<string> forms, IReadOnlyCollection<string> publicEvaluationForms)
    {
        if (revision <= Revision)
        {
            return false;
        }
        Apply(revision, title, duties, forms, publicEvaluationForms);
        return true;
    }

    /// <summary>Marks the campaign as sent to the children; false if it was already.</summary>
    public bool MarkCascaded(DateTimeOffset at)
    {
        if (CascadedAt is not null)
        {
            return false;
        }
        CascadedAt = at;
        return true;
    }

    private void Apply(int revision, string title, IReadOnlyCollection<DutyRule> duties, IReadOnlyCollection<string> forms, IReadOnlyCollection<string> publicEvaluationForms)
    {
        Revision = revision;
        Title = title;
        Duties = duties.Distinct().Select(Key).ToList();
        Forms = forms.Distinct().ToList();
        PublicEvaluationForms = forms.Distinct().Where(publicEvaluationForms.Contains).ToList();
    }
}

/// <summary>
/// One child node a campaign of this node was sent to (ADR 0023), recorded when the office cascades it (or a revision
/// reaches a child enrolled since): counts come back only from such a child, as planning keeps its tasks' cascades.
/// </summary>
public sealed class CampaignChildCascade
{
    private CampaignChildCascade()
    {
    }

    public Guid CampaignId { get; private set; }

    public string ChildNodeId { get; private set; } = string.Empty;

    /// <summary>The campaign's revision when it first went to this child.</summary>
    public int Revision { get; private set; }

    public DateTimeOffset CascadedAt { get; private set; }

    public static CampaignChildCascade Create(Guid campaignId, string childNodeId, int revision, DateTimeOffset at) =>
        new() { CampaignId = campaignId, ChildNodeId = childNodeId, Revision = revision, CascadedAt = at };
}

/// <summary>
/// What a node below last sent up about a campaign this node cascaded: its counts by unit, level and kind of post (JSON),
/// newest first-hand time (<see cref="AsOf"/>) wins. One row per (campaign, node), grandchildren included.
/// </summary>
public sealed class CampaignNodeCounts
{
    private CampaignNodeCounts()
    {
    }

    public Guid Id { get; private set; }

    public Guid CampaignId { get; private set; }

    public string NodeId { get; private set; } = string.Empty;

    public string ParentNodeId { get; private set; } = string.Empty;

    /// <summary>The child whose message carried the row (the node itself, or the city that forwarded a county's).</summary>
    public string SenderNodeId { get; private set; } = string.Empty;

    public string RegionCode { get; private set; } = string.Empty;

    public DateTimeOffset AsOf { get; private set; }

    public string CountsJson { get; private set; } = "[]";

    public DateTimeOffset UpdatedAt { get; private set; }

    public static CampaignNodeCounts Create(Guid campaignId, string nodeId) => new()
    {
        Id = Guid.CreateVersion7(), CampaignId = campaignId, NodeId = nodeId, AsOf = DateTimeOffset.MinValue,
    };

    /// <summary>Whether the row came through another child than <paramref name="senderNodeId"/>: a node's counts are kept from the child they first came through.</summary>
    public bool CameThroughOtherThan(string senderNodeId) => SenderNodeId.Length > 0 && SenderNodeId != senderNodeId;

    /// <summary>Takes the row unless it is older than the one held (a late message changes nothing) or came through another child.</summary>
    public bool Update(string parentNodeId, string senderNodeId, string regionCode, DateTimeOffset asOf, string countsJson, DateTimeOffset now)
    {
        if (asOf < AsOf || CameThroughOtherThan(senderNodeId))
        {
            return false;
        }
        (ParentNodeId, SenderNodeId, RegionCode, AsOf, CountsJson, UpdatedAt) = (parentNodeId, senderNodeId, regionCode, asOf, countsJson, now);
        return true;
    }
}

/// <summary>
/// The dossier (法治档案) of a child node's party and government head, as that node last sent it (ADR 0023: a level
/// assesses the heads of the level below it). Kept whole as platform.assessment.v1.Dossier JSON; the newest wins.
/// </summary>
public sealed class ReceivedDossier
{
    private ReceivedDossier()
    {
    }

    public Guid Id { get; private set; }

    public string NodeId { get; private set; } = string.Empty;

    public string RegionCode { get; private set; } = string.Empty;

    /// <summary>The person's id at the node below.</summary>
    public Guid PersonId { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string UnitName { get; private set; } = string.Empty;

    public string Position { get; private set; } = string.Empty;

    /// <summary>The kind of post as the node below sent it (wire name).</summary>
    public string PostKind { get; private set; } = string.Empty;

    public bool Serving { get; private set; }

    public string DossierJson { get; private set; } = "{}";

    public DateTimeOffset AsOf { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public static ReceivedDossier Create(string nodeId, Guid personId) => new()
    {
        Id = Guid.CreateVersion7(), NodeId = nodeId, PersonId = personId, AsOf = DateTimeOffset.MinValue,
    };

    public bool Update(
        string regionCode, string name, string unitName, string position, string postKind, bool serving, string dossierJson, DateTimeOffset asOf, DateTimeOffset now)
    {
        if (asOf < AsOf)
        {
            return false;
        }
        (RegionCode, Name, UnitName, Position, PostKind, Serving, DossierJson, AsOf, ReceivedAt) =
            (regionCode, name, unitName, position, postKind, serving, dossierJson, asOf, now);
        return true;
    }
}
