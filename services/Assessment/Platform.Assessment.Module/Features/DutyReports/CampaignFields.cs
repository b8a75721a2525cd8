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
            var (levelField, postKindField) = ($"duties[{i}].level", $"duties[{i}].post_kind");
            var level = validator.OneOf(levelField, rawDuties[i].Level, DutyReportRules.Levels);
            var postKind = validator.OneOf(postKindField, rawDuties[i].PostKind, PersonFieldRules.WirePostKinds);
            // A line no one can ever match would leave the roster silently short of what the office meant.
            if (!validator.Violations.Any(v => v.Field == levelField || v.Field == postKindField) && !DutyCampaign.CanMatch(level, postKind))
            {
                validator.Add(postKindField, level == ReportLevel.Township
                    ? $"is {rawDuties[i].PostKind} at level township: only township heads (township_head, 乡镇(街道)主要负责人) report at township level, so line {i + 1} of the duty list can never match anyone"
                    : $"is township_head at level {rawDuties[i].Level}: a township head (乡镇(街道)主要负责人) reports at township level, so line {i + 1} of the duty list can never match anyone");
            }
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
