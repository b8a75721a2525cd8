using Platform.Assessment.Module.Features.DutyReports;

namespace Platform.Assessment.Module.Features.CreateCampaign;

/// <summary>
/// A duty-report campaign for a year (年度述法) or a topic (专题述法), with its duty list (述法责任清单) and
/// forms: those it names, or the node's list. A form of the node's list that requires the office's public
/// evaluation (述评) requires it in the campaign; a form only the campaign names does not.
/// </summary>
public sealed class CreateCampaignHandler(AssessmentDbContext db, AssessmentAccess access)
{
    public async Task<Campaign> HandleAsync(CreateCampaignRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var (title, duties, named) = CampaignFields.Read(validator, request.Title, request.Duties, request.Forms);
        var year = validator.Range("year", request.Year, 2000, 2100);
        var kind = validator.OneOf("kind", request.Kind, DutyReportRules.Kinds);
        validator.ThrowIfInvalid();

        var (forms, publicEvaluation) = await CampaignFields.FormsAsync(db, named, cancellationToken);
        var campaign = DutyCampaign.Create(title, year, kind, duties, forms, publicEvaluation, access.Now());
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        return campaign.ToProto();
    }
}
