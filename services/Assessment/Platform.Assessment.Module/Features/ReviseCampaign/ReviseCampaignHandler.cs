using Platform.Assessment.Module.Features.DutyReports;

namespace Platform.Assessment.Module.Features.ReviseCampaign;

/// <summary>
/// A new revision of the office's own campaign: title, duty list and forms (year and kind stay). The roster and the reports
/// stay as they are; the office runs the roster again for people the new duty list names. A cascaded campaign goes down
/// again as the new revision, and each node below takes it without touching its roster (ADR 0023).
/// </summary>
public sealed class ReviseCampaignHandler(AssessmentDbContext db, AssessmentAccess access, RosterLoader loader)
{
    public async Task<Campaign> HandleAsync(ReviseCampaignRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var campaignId = validator.Id("campaign_id", request.CampaignId);
        var (title, duties, named) = CampaignFields.Read(validator, request.Title, request.Duties, request.Forms);
        validator.ThrowIfInvalid();
        var campaign = await loader.CampaignAsync(campaignId, cancellationToken);
        var (forms, publicEvaluation) = await CampaignFields.FormsAsync(db, named, cancellationToken);
        campaign.Revise(title, duties, forms, publicEvaluation);
        if (campaign.CascadedAt is not null)
        {
            db.AddIntegrationEvent(await CampaignCascade.ToChildrenAsync(db, campaign, access.Now(), cancellationToken));
        }
        await db.SaveChangesAsync(cancellationToken);
        return campaign.ToProto();
    }
}
