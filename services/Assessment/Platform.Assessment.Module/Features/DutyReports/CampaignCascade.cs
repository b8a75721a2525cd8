using Platform.Assessment.Module.Features.People;
using Wire = Platform.Contracts.Events.Assessment;

namespace Platform.Assessment.Module.Features.DutyReports;

/// <summary>A campaign on its way down (ADR 0023): the event the edge puts on the child links, and its duty list in wire names.</summary>
internal static class CampaignCascade
{
    /// <summary>The campaign as it stands, for every child; sent again with each revision of a cascaded campaign.</summary>
    public static Wire.CampaignCascaded For(DutyCampaign campaign, Audit by) => new(
        campaign.Id, campaign.Revision, campaign.Title, campaign.Year, campaign.Kind.Wire(), [.. campaign.Duties.Select(ToWire)],
        [.. campaign.Forms], [.. campaign.PublicEvaluationForms], by.UserId, by.At, by.NodeId);

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
