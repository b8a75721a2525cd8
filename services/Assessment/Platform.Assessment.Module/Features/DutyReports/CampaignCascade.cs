using Platform.Assessment.Module.Features.People;
using Wire = Platform.Contracts.Events.Assessment;

namespace Platform.Assessment.Module.Features.DutyReports;

/// <summary>A campaign on its way down (ADR 0023): the children it goes to, the event the edge puts on their links, and its duty list in wire names.</summary>
internal static class CampaignCascade
{
    /// <summary>
    /// The campaign as it stands, for every child not revoked that this node knows, each recorded (once) as a child the
    /// campaign went to: counts come back only from such a child. Sent again with each revision of a cascaded campaign,
    /// which records a child enrolled since. The caller adds the event and saves.
    /// </summary>
    public static async Task<Wire.CampaignCascaded> ToChildrenAsync(AssessmentDbContext db, DutyCampaign campaign, Audit by, CancellationToken cancellationToken)
    {
        var children = await db.ChildNodes.AsNoTracking().Where(c => c.State != "revoked").OrderBy(c => c.NodeId).Select(c => c.NodeId).ToListAsync(cancellationToken);
        var recorded = await db.CampaignChildCascades.AsNoTracking().Where(c => c.CampaignId == campaign.Id).Select(c => c.ChildNodeId).ToListAsync(cancellationToken);
        db.CampaignChildCascades.AddRange(children.Except(recorded).Select(child => CampaignChildCascade.Create(campaign.Id, child, campaign.Revision, by.At)));
        return new(
            campaign.Id, campaign.Revision, campaign.Title, campaign.Year, campaign.Kind.Wire(), [.. campaign.Duties.Select(ToWire)],
            [.. campaign.Forms], [.. campaign.PublicEvaluationForms], by.UserId, by.At, by.NodeId, children);
    }

    /// <summary>"County:PartyGovernmentHead" as stored becomes "county:party_government_head" on the wire.</summary>
    public static string ToWire(string key)
    {
        var duty = DutyReportRules.ToProto(key);
        return $"{duty.Level}:{duty.PostKind}";
    }

    /// <summary>The duty list from above; a line this node does not know (a newer sender's) is left out.</summary>
    public static List<DutyRule> FromWire(IEnumerable<string> duties) =>
        duties.Select(d => d.Split(':'))
            .Where(p => p.Length == 2 && DutyReportRules.Levels.ContainsKey(p[0]) && PersonFieldRules.WirePostKinds.ContainsKey(p[1]))
            .Select(p => new DutyRule(DutyReportRules.Levels[p[0]], PersonFieldRules.WirePostKinds[p[1]]))
            .ToList();
}
