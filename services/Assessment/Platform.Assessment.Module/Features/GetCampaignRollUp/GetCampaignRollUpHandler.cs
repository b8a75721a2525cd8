using Microsoft.Extensions.Options;
using Platform.Assessment.Module.Features.DutyReports;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Node;
using Wire = Platform.Contracts.Events.Assessment;

namespace Platform.Assessment.Module.Features.GetCampaignRollUp;

/// <summary>
/// A campaign across the hierarchy (ADR 0023): this node's counts, then what each node below last sent up, stored here,
/// grouped by level, kind of post or unit. No node below is called; numbers only, never a reporter or a report.
/// </summary>
public sealed class GetCampaignRollUpHandler(AssessmentDbContext db, AssessmentAccess access, RosterLoader loader, IOptions<NodeOptions> node)
{
    public async Task<CampaignRollUp> HandleAsync(GetCampaignRollUpRequest request, CancellationToken cancellationToken)
    {
        access.Caller.RequireAnyRole(PlatformRoles.OfficeStaff, PlatformRoles.Observer);
        var validator = new RequestValidator();
        var campaignId = validator.Id("campaign_id", request.CampaignId);
        var groupBy = CampaignFields.GroupBy(validator, request.GroupBy);
        validator.ThrowIfInvalid();
        var campaign = await loader.CampaignAsync(campaignId, cancellationToken);

        var own = new Wire.CampaignNodeProgress(
            campaign.ReceiverNodeId ?? node.Value.Id, campaign.OriginNodeId ?? string.Empty, campaign.ReceiverRegionCode ?? node.Value.RegionCode,
            DateTimeOffset.UtcNow, await AssessmentUpstream.CountAsync(db, campaign.Id, cancellationToken));
        var nodes = new List<Wire.CampaignNodeProgress> { own };
        nodes.AddRange(await AssessmentUpstream.BelowAsync(db, campaign.Id, cancellationToken));

        var response = new CampaignRollUp { CampaignId = campaign.Id.ToString(), GroupBy = groupBy };
        foreach (var progress in nodes)
        {
            var row = new CampaignNodeRollUp
            {
                NodeId = progress.NodeId, ParentNodeId = progress.ParentNodeId, RegionCode = progress.RegionCode, AsOf = progress.AsOf.ToWire(),
                Total = Sum("total", string.Empty, progress.Counts),
            };
            row.Rows.AddRange(progress.Counts
                .GroupBy(c => groupBy switch { "level" => c.Level, "post_kind" => c.PostKind, _ => c.UnitId.ToString() })
                .Select(g => Sum(g.Key, groupBy == "unit" ? g.First().UnitName : string.Empty, g))
                .OrderBy(r => r.Key, StringComparer.Ordinal));
            response.Nodes.Add(row);
        }
        response.Total = Sum("total", string.Empty, nodes.SelectMany(n => n.Counts));
        return response;
    }

    /// <summary>Summed in long and capped at int's range: counts from many nodes never overflow the answer.</summary>
    private static DashboardRow Sum(string key, string label, IEnumerable<Wire.CampaignCount> counts)
    {
        var all = counts.ToList();
        int Total(Func<Wire.CampaignCount, int> count) => (int)Math.Min(all.Sum(c => (long)count(c)), int.MaxValue);
        return new DashboardRow
        {
            Key = key, Label = label,
            Due = Total(c => c.Due), Submitted = Total(c => c.Submitted), Reviewed = Total(c => c.Reviewed), SentBack = Total(c => c.SentBack),
            Excused = Total(c => c.Excused), Excellent = Total(c => c.Excellent), Good = Total(c => c.Good), Fair = Total(c => c.Fair), Poor = Total(c => c.Poor),
        };
    }
}
