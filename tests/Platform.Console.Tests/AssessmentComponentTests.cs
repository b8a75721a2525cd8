using Bunit;
using Platform.WebConsole.Api;
using Platform.WebConsole.Assessment;
using Platform.WebConsole.Components.Shared;
using Proto = Platform.Contracts.Assessment.V1;

namespace Platform.WebConsole.Tests;

/// <summary>The pieces of the duty-report (述法) pages with logic: the dashboard's bars and the review's two decisions.</summary>
public sealed class AssessmentComponentTests : BunitContext
{
    [Fact]
    public void The_dashboard_names_each_group_shows_the_share_reported_and_stacks_the_ratings_of_those_reviewed()
    {
        var dashboard = new Proto.CampaignDashboard
        {
            GroupBy = "level",
            Rows =
            {
                new Proto.DashboardRow { Key = "city", Due = 4, Submitted = 3, Reviewed = 2, Excellent = 1, Good = 1 },
                new Proto.DashboardRow { Key = "county", Due = 0, Excused = 1 },
            },
            Total = new Proto.DashboardRow { Due = 4, Submitted = 3, Reviewed = 2, Excused = 1, Excellent = 1, Good = 1 },
        };
        var table = Render<DutyDashboard>(p => p.Add(c => c.Dashboard, dashboard));

        var city = table.Find("tbody tr[data-row=city]");
        Assert.Equal("市级", city.QuerySelector("td")!.TextContent);
        Assert.Equal("75", city.QuerySelector("[role=progressbar]")!.GetAttribute("aria-valuenow"));
        Assert.Equal("1/1/0/0", city.QuerySelector("[data-testid=ratings]")!.TextContent);
        // Only the ratings given are drawn, each its share of those reviewed.
        Assert.Equal(["width:50%", "width:50%"], city.QuerySelectorAll(".bar-stack span").Select(s => s.GetAttribute("style")));
        // Nobody due: 0 %, not a division by zero.
        Assert.Equal("0", table.Find("tbody tr[data-row=county] [role=progressbar]").GetAttribute("aria-valuenow"));
        Assert.Equal("合计", table.Find("tfoot tr td").TextContent);
    }

    [Fact]
    public void A_unit_is_named_by_the_apis_label_and_a_kind_of_post_by_its_chinese_name()
    {
        Assert.Equal("南通市司法局", AssessmentText.GroupLabel("unit", "3f2c", "南通市司法局"));
        Assert.Equal("乡镇（街道）主要负责人", AssessmentText.GroupLabel("post_kind", "township_head", ""));
        Assert.Equal(0, AssessmentText.Percent(3, 0));
        Assert.Equal(100, AssessmentText.Percent(5, 4));
    }

    [Fact]
    public void The_review_rates_with_the_rating_chosen_and_sends_back_without_one_and_asks_for_the_public_evaluation_first()
    {
        var decisions = new List<Proto.ReviewDutyReportRequest>();
        var entry = new Proto.RosterEntry { Id = "e1", Status = "submitted", Form = "会议", PublicEvaluationRequired = true };
        var review = Render<DutyReview>(p => p.Add(c => c.Entry, entry).Add(c => c.OnReview, r => decisions.Add(r)));

        Assert.NotNull(review.Find("[data-testid=review-evaluate]"));
        review.Find("[data-testid=review-rating]").Change("good");
        review.Find("[data-testid=review-comment]").Change("请补充学法情况");
        review.Find("[data-testid=review-rate]").Click();
        review.Find("[data-testid=review-send-back]").Click();

        Assert.Equal([("rate", "good"), ("send_back", "")], decisions.Select(d => (d.Decision, d.Rating)));
        Assert.All(decisions, d => Assert.Equal("请补充学法情况", d.Comment));

        // Once evaluated, only the decision is left; the API's description of a field shows next to it.
        entry.PublicEvaluation = "群众评议良好";
        review.Render(p => p.Add(c => c.Entry, entry).Add(c => c.Problem, new ApiProblem("请修改标出的内容。", new Dictionary<string, string> { ["rating"] = "must be one of excellent, good, fair, poor" })));
        Assert.Empty(review.FindAll("[data-testid=review-evaluate]"));
        Assert.Equal("must be one of excellent, good, fair, poor", review.Find("[data-field=rating]").TextContent);
    }
}
