using Bunit;
using Platform.WebConsole.Api;
using Platform.WebConsole.Components.Shared;
using Proto = Platform.Contracts.Assessment.V1;

namespace Platform.WebConsole.Tests;

/// <summary>The office's campaign editor (duty list and forms) and its decision on an appeal.</summary>
public sealed class CampaignAndAppealComponentTests : BunitContext
{
    private static readonly Proto.ReportForm[] NodeForms =
    [
        new() { Name = "书面", BuiltIn = true },
        new() { Name = "会议", BuiltIn = true, RequiresPublicEvaluation = true },
        new() { Name = "现场述法", RequiresPublicEvaluation = true },
    ];

    [Fact]
    public void A_new_campaign_carries_the_ticked_duties_level_by_level_and_the_forms_in_the_nodes_order_then_its_own()
    {
        var saved = new List<Proto.CreateCampaignRequest>();
        var editor = Render<CampaignEditor>(p => p.Add(c => c.NodeForms, NodeForms).Add(c => c.Year, 2027).Add(c => c.OnSave, r => saved.Add(r)));

        editor.Find("[data-testid=campaign-title-input]").Change("2027年度述法");
        editor.Find("[data-testid=campaign-kind]").Change("topic");
        editor.Find("[data-testid=duty-county-department_head]").Change(true);
        editor.Find("[data-testid=duty-city-party_government_head]").Change(true);
        editor.Find("[data-testid=duty-township-township_head]").Change(true);
        editor.Find("[data-testid=duty-township-township_head]").Change(false);
        editor.Find("[data-testid=campaign-form][value=现场述法]").Change(true);
        editor.Find("[data-testid=campaign-form][value=书面]").Change(true);
        editor.Find("[data-testid=campaign-extra-forms]").Change(" 述法述职会，书面 、 ");
        editor.Find("form").Submit();

        var request = Assert.Single(saved);
        Assert.Equal(("2027年度述法", 2027, "topic"), (request.Title, request.Year, request.Kind));
        Assert.Equal([("city", "party_government_head"), ("county", "department_head")], request.Duties.Select(d => (d.Level, d.PostKind)));
        Assert.Equal(["书面", "现场述法", "述法述职会"], request.Forms);
    }

    [Fact]
    public void A_revision_starts_from_the_campaign_keeps_its_year_and_kind_and_shows_the_apis_error_under_the_duty_list()
    {
        var saved = new List<Proto.CreateCampaignRequest>();
        var campaign = new Proto.Campaign
        {
            Id = "c1", Title = "年度述法", Year = 2026, Kind = "annual", Revision = 1,
            Duties = { new Proto.Duty { Level = "county", PostKind = "department_head" } },
            Forms = { "会议", "专场" },
        };
        var problem = new ApiProblem("请修改标出的内容。", new Dictionary<string, string> { ["duties[0].post_kind"] = "must be one of party_government_head, ..." });
        var editor = Render<CampaignEditor>(p => p.Add(c => c.Existing, campaign).Add(c => c.NodeForms, NodeForms)
            .Add(c => c.Problem, problem).Add(c => c.OnSave, r => saved.Add(r)));

        Assert.Empty(editor.FindAll("[data-testid=campaign-year]"));
        Assert.True(editor.Find("[data-testid=duty-county-department_head]").HasAttribute("checked"));
        Assert.True(editor.Find("[data-testid=campaign-form][value=会议]").HasAttribute("checked"));
        Assert.Equal("专场", editor.Find("[data-testid=campaign-extra-forms]").GetAttribute("value"));
        Assert.Equal("must be one of party_government_head, ...", editor.Find("[data-field=duties]").TextContent);

        editor.Find("[data-testid=duty-county-team_member]").Change(true);
        editor.Find("form").Submit();
        var request = Assert.Single(saved);
        Assert.Equal(("年度述法", 2026, "annual"), (request.Title, request.Year, request.Kind));
        Assert.Equal([("county", "team_member"), ("county", "department_head")], request.Duties.Select(d => (d.Level, d.PostKind)));
        Assert.Equal(["会议", "专场"], request.Forms);
    }

    [Fact]
    public void An_upheld_appeal_carries_its_adjustment_a_rejected_one_none_and_a_word_for_points_is_refused_next_to_the_field()
    {
        var decisions = new List<Proto.DecideAppealRequest>();
        var appeal = new Proto.Appeal { Id = "a1", Status = "pending", IndicatorCode = "1.2" };
        var form = Render<AppealDecision>(p => p.Add(c => c.Appeal, appeal).Add(c => c.OnDecide, d => decisions.Add(d)));

        form.Find("[data-testid=decision-adjustment]").Change("三分");
        form.Find("[data-testid=decision-comment]").Change("逾期系系统故障所致");
        form.Find("form").Submit();
        Assert.Empty(decisions);
        Assert.Equal("请填写调整的分值，如 1.5 或 -2", form.Find("[data-field=adjustment]").TextContent);

        form.Find("[data-testid=decision-adjustment]").Change("－1.5");
        form.Find("form").Submit();
        form.Find("[data-testid=decision-rejected]").Change(true);
        Assert.Empty(form.FindAll("[data-testid=decision-adjustment]"));
        form.Find("form").Submit();

        Assert.Equal([("a1", "upheld", -1.5), ("a1", "rejected", 0)], decisions.Select(d => (d.AppealId, d.Decision, d.Adjustment)));
        Assert.All(decisions, d => Assert.Equal("逾期系系统故障所致", d.Comment));
    }
}
