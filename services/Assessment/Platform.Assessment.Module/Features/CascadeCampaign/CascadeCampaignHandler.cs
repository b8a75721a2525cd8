using Platform.Assessment.Module.Features.DutyReports;

namespace Platform.Assessment.Module.Features.CascadeCampaign;

/// <summary>
/// The office sends a campaign with its duty list to every child node it knows (ADR 0023), in the save that marks it sent; each
/// node puts it on its own list and generates its own roster. Sending it again reaches a child enrolled since; a node
/// that has the campaign's revision already changes nothing.
/// </summary>
public sealed class CascadeCampaignHandler(AssessmentDbContext db, AssessmentAccess access, RosterLoader loader)
{
    public async Task<Campaign> HandleAsync(CascadeCampaignRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var campaignId = validator.Id("campaign_id", request.CampaignId);
        validator.ThrowIfInvalid();
        var campaign = await loader.CampaignAsync(campaignId, cancellationToken);
        var stamp = access.Now();
        campaign.MarkCascaded(stamp.At);
        // Again for a child enrolled since: a node that has this revision already changes nothing.
        db.AddIntegrationEvent(await CampaignCascade.ToChildrenAsync(db, campaign, stamp, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return campaign.ToProto();
    }
}
