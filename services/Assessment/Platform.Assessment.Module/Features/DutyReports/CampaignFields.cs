using Google.Protobuf.Collections;
using Platform.Assessment.Module.Features.People;

namespace Platform.Assessment.Module.Features.DutyReports;

/// <summary>A campaign's title, duty list and forms as the office sends them, checked the same way on creation and revision.</summary>
internal static class CampaignFields
{
    public static (string Title, List<DutyRule> Duties, List<string> Forms) Read(
        RequestValidator validator, string rawTitle, RepeatedField<Duty> rawDuties, RepeatedField<string> rawForms)
    {
        var title = validator.Name("title", rawTitle, 300);
        validator.Count("duties", rawDuties.Count, 24);
        if (rawDuties.Count == 0)
        {
            validator.Add("duties", "must name at least one level and kind of post that must report");
        }
        var duties = new List<DutyRule>();
        for (var i = 0; i < rawDuties.Count; i++)
        {
            var level = validator.OneOf($"duties[{i}].level", rawDuties[i].Level, DutyReportRules.Levels);
            var postKind = validator.OneOf($"duties[{i}].post_kind", rawDuties[i].PostKind, PersonFieldRules.WirePostKinds);
            duties.Add(new DutyRule(level, postKind));
        }
        validator.Count("forms", rawForms.Count, 20);
        var forms = new List<string>();
        for (var i = 0; i < rawForms.Count; i++)
        {
            forms.Add(validator.Name($"forms[{i}]", rawForms[i], 50));
        }
        return (title, duties, forms);
    }

    /// <summary>The forms a campaign takes (those named, or the node's list) and those of them that need a public evaluation.</summary>
    public static async Task<(List<string> Forms, List<string> PublicEvaluation)> FormsAsync(AssessmentDbContext db, List<string> named, CancellationToken cancellationToken)
    {
        var nodeForms = await ReportFormList.LoadAsync(db, cancellationToken);
        return (named.Count > 0 ? named : [.. nodeForms.Select(f => f.Name)], [.. nodeForms.Where(f => f.RequiresPublicEvaluation).Select(f => f.Name)]);
    }

    /// <summary>How a dashboard or a roll-up groups its counts: level (the default), kind of post or unit.</summary>
    public static string GroupBy(RequestValidator validator, string raw)
    {
        string[] groupBys = ["level", "post_kind", "unit"];
        var groupBy = string.IsNullOrEmpty(raw) ? "level" : raw;
        if (!groupBys.Contains(groupBy))
        {
            validator.Add("group_by", $"must be one of: {string.Join(", ", groupBys)}");
        }
        return groupBy;
    }
}
