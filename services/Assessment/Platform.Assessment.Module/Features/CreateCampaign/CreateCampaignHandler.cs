using Platform.Assessment.Module.Features.DutyReports;
using Platform.Assessment.Module.Features.People;

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
        var title = validator.Name("title", request.Title, 300);
        var year = validator.Range("year", request.Year, 2000, 2100);
        var kind = validator.OneOf("kind", request.Kind, DutyReportRules.Kinds);
        validator.Count("duties", request.Duties.Count, 24);
        if (request.Duties.Count == 0)
        {
            validator.Add("duties", "must name at least one level and kind of post that must report");
        }
        var duties = new List<DutyRule>();
        for (var i = 0; i < request.Duties.Count; i++)
        {
            var level = validator.OneOf($"duties[{i}].level", request.Duties[i].Level, DutyReportRules.Levels);
            var postKind = validator.OneOf($"duties[{i}].post_kind", request.Duties[i].PostKind, PersonFieldRules.WirePostKinds);
            duties.Add(new DutyRule(level, postKind));
        }
        validator.Count("forms", request.Forms.Count, 20);
        var forms = new List<string>();
        for (var i = 0; i < request.Forms.Count; i++)
        {
            forms.Add(validator.Name($"forms[{i}]", request.Forms[i], 50));
        }
        validator.ThrowIfInvalid();

        var nodeForms = await ReportFormList.LoadAsync(db, cancellationToken);
        var campaign = DutyCampaign.Create(
            title, year, kind, duties, forms.Count > 0 ? forms : [.. nodeForms.Select(f => f.Name)],
            [.. nodeForms.Where(f => f.RequiresPublicEvaluation).Select(f => f.Name)], access.Now());
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        return campaign.ToProto();
    }
}
