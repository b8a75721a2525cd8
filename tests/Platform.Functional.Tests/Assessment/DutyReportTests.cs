using Google.Protobuf;
using Grpc.Core;
using Platform.Contracts.Assessment.V1;
using Platform.Testing;
using Xunit;

namespace Platform.Functional.Tests.Assessment;

/// <summary>
/// A duty-report campaign (述法) from duty list to dashboard: everyone who must report is on the roster
/// (应述尽述), people who left are excused with the reason, reports are submitted with files, sent back,
/// resubmitted and rated, and the dashboard counts by level.
/// </summary>
public sealed class DutyReportTests(AssessmentNode node) : IClassFixture<AssessmentNode>
{
    private static readonly byte[] Pdf = TestFiles.Pdf;

    private Task<RosterEntry> SubmitAsync(RosterEntry entry, string form = "书面", params NewDutyReportFile[] files)
    {
        var request = new SubmitDutyReportRequest { EntryId = entry.Id, Form = form, Text = "一年来认真履行推进法治建设第一责任人职责。" };
        request.Attachments.AddRange(files);
        return node.Assessment.SubmitDutyReportAsync(request, node.LiaisonOf(entry.UnitId)).ResponseAsync;
    }

    private Task<RosterEntry> ReviewAsync(RosterEntry entry, string decision, string rating = "", string comment = "") =>
        node.Assessment.ReviewDutyReportAsync(new ReviewDutyReportRequest { EntryId = entry.Id, Decision = decision, Rating = rating, Comment = comment }, node.Clerk).ResponseAsync;

    [Fact]
    public async Task A_campaign_runs_from_duty_list_to_dashboard()
    {
        var city = await node.UnitAsync("南通市司法局", regionCode: "320600");
        var county = await node.UnitAsync("如东县司法局", regionCode: "320623");
        var cityHead = await node.AppointAsync(city, "李明", "department_head");
        var countyHead = await node.AppointAsync(county, "王强", "department_head");
        var township = await node.AppointAsync(county, "赵镇", "township_head");
        await node.AppointAsync(county, "钱执法", "enforcement_officer");
        var leaving = await node.AppointAsync(county, "孙离", "department_head");

        var campaign = await node.Assessment.CreateCampaignAsync(new CreateCampaignRequest
        {
            Title = "2026年度党政主要负责人述法", Year = 2026, Kind = "annual",
            Duties =
            {
                new Duty { Level = "city", PostKind = "department_head" },
                new Duty { Level = "county", PostKind = "department_head" },
                new Duty { Level = "township", PostKind = "township_head" },
            },
        }, node.Clerk);
        Assert.Equal(["书面", "专题", "会议", "新媒体"], campaign.Forms);

        var first = await node.Assessment.GenerateRosterAsync(new GenerateRosterRequest { CampaignId = campaign.Id }, node.Clerk);
        Assert.Equal((4, 0, 4), (first.Added, first.Excused, first.Total));

        // One leaves, one is appointed: the next run excuses the first (with why) and adds the second.
        await node.Assessment.ChangePersonAsync(new ChangePersonRequest { PersonId = leaving.Id, Change = "leave" }, node.Clerk);
        var newcomer = await node.AppointAsync(county, "周新", "department_head");
        var second = await node.Assessment.GenerateRosterAsync(new GenerateRosterRequest { CampaignId = campaign.Id }, node.Clerk);
        Assert.Equal((1, 1, 5), (second.Added, second.Excused, second.Total));
        var roster = (await node.Assessment.ListRosterAsync(new ListRosterRequest { CampaignId = campaign.Id, PageSize = 100 }, node.Clerk)).Entries;
        var excused = roster.Single(e => e.PersonId == leaving.Id);
        Assert.Equal(("excused", "离任"), (excused.Status, excused.Reason));
        Assert.Equal("township", roster.Single(e => e.PersonId == township.Id).Level);
        var missing = (await node.Assessment.ListRosterAsync(new ListRosterRequest { CampaignId = campaign.Id, Status = "missing" }, node.Clerk)).Entries;
        Assert.Equal(new[] { cityHead.Id, countyHead.Id, township.Id, newcomer.Id }.Order(), missing.Select(e => e.PersonId).Order());

        var ofCity = roster.Single(e => e.PersonId == cityHead.Id);
        var ofCounty = roster.Single(e => e.PersonId == countyHead.Id);

        // Another unit's entry is hidden; a form the campaign lacks and an executable are named.
        var hidden = await Assert.ThrowsAsync<RpcException>(() => node.Assessment.SubmitDutyReportAsync(
            new SubmitDutyReportRequest { EntryId = ofCity.Id, Form = "书面", Text = "代交" }, node.LiaisonOf(county.Id)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() => SubmitAsync(ofCity, "快板")), "form");
        SliceScenario.AssertBadRequest(
            await Assert.ThrowsAsync<RpcException>(() => SubmitAsync(ofCity, "书面", new NewDutyReportFile { FileName = "述法.exe", Content = ByteString.CopyFrom(0x4D, 0x5A) })),
            "attachments[0].file_name");

        var submitted = await SubmitAsync(ofCity, "会议", new NewDutyReportFile { FileName = "述法报告.pdf", Content = ByteString.CopyFrom(Pdf) });
        Assert.Equal(("submitted", "会议"), (submitted.Status, submitted.Form));
        Assert.Equal(("述法报告.pdf", "application/pdf"), (submitted.Attachments.Single().FileName, submitted.Attachments.Single().ContentType));

        // Sent back with what to revise, submitted again, rated.
        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() => ReviewAsync(ofCity, "send_back")), "comment");
        var sentBack = await ReviewAsync(ofCity, "send_back", comment: "请补充年度学法情况");
        Assert.Equal(("sent_back", "请补充年度学法情况"), (sentBack.Status, sentBack.Reason));
        var rateTwice = await Assert.ThrowsAsync<RpcException>(() => ReviewAsync(ofCity, "rate", "good"));
        Assert.Equal(StatusCode.FailedPrecondition, rateTwice.StatusCode);
        await SubmitAsync(ofCity);
        var rated = await ReviewAsync(ofCity, "rate", "excellent", "述职全面");
        Assert.Equal(("reviewed", "excellent"), (rated.Status, rated.Rating));
        await SubmitAsync(ofCounty);
        await ReviewAsync(ofCounty, "rate", "good");

        var dashboard = await node.Assessment.GetCampaignDashboardAsync(new GetCampaignDashboardRequest { CampaignId = campaign.Id, GroupBy = "level" }, node.Observer);
        var byLevel = dashboard.Rows.ToDictionary(r => r.Key);
        Assert.Equal(["city", "county", "township"], byLevel.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((1, 1, 1, 1), (byLevel["city"].Due, byLevel["city"].Submitted, byLevel["city"].Reviewed, byLevel["city"].Excellent));
        Assert.Equal((2, 1, 1, 1, 1), (byLevel["county"].Due, byLevel["county"].Submitted, byLevel["county"].Reviewed, byLevel["county"].Good, byLevel["county"].Excused));
        Assert.Equal((1, 0), (byLevel["township"].Due, byLevel["township"].Submitted));
        Assert.Equal((4, 2, 2, 1), (dashboard.Total.Due, dashboard.Total.Submitted, dashboard.Total.Reviewed, dashboard.Total.Excused));

        var byUnit = await node.Assessment.GetCampaignDashboardAsync(new GetCampaignDashboardRequest { CampaignId = campaign.Id, GroupBy = "unit" }, node.Clerk);
        Assert.Equal(3, byUnit.Rows.Single(r => r.Key == county.Id).Due);
        var byPost = await node.Assessment.GetCampaignDashboardAsync(new GetCampaignDashboardRequest { CampaignId = campaign.Id, GroupBy = "post_kind" }, node.Clerk);
        Assert.Equal([("department_head", "部门主要负责人"), ("township_head", "乡镇(街道)主要负责人")], byPost.Rows.Select(r => (r.Key, r.Label)));
        Assert.Equal(("市级", "县级", "乡镇(街道)"), (byLevel["city"].Label, byLevel["county"].Label, byLevel["township"].Label));
        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() => node.Assessment.GetCampaignDashboardAsync(
            new GetCampaignDashboardRequest { CampaignId = campaign.Id, GroupBy = "weather" }, node.Clerk).ResponseAsync), "group_by");
    }

    [Fact]
    public async Task Campaigns_and_the_roster_answer_over_rest_with_named_errors()
    {
        var http = node.CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", node.Tokens.OfficeStaff());
        using var created = await http.PostAsync("/api/assessment/v1/campaigns", new StringContent(
            """{"title":"2026年专题述法","year":2026,"kind":"topic","duties":[{"level":"county","postKind":"team_member"}]}""",
            System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.OK, created.StatusCode);
        var id = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        using var roster = await http.PostAsync($"/api/assessment/v1/campaigns/{id}:generate-roster", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.OK, roster.StatusCode);
        using var dashboard = await http.GetAsync($"/api/assessment/v1/campaigns/{id}/dashboard?groupBy=post_kind");
        Assert.Equal(System.Net.HttpStatusCode.OK, dashboard.StatusCode);

        using var bad = await http.PostAsync("/api/assessment/v1/people", new StringContent(
            """{"unitId":"x","name":"李明","position":"局长","postKind":"boss"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        var body = await bad.Content.ReadAsStringAsync();
        Assert.Contains("unit_id", body, StringComparison.Ordinal);
        Assert.Contains("post_kind", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_campaign_names_its_bad_fields()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => node.Assessment.CreateCampaignAsync(new CreateCampaignRequest
        {
            Title = "专题述法", Year = 2026, Kind = "topic", Duties = { new Duty { Level = "village", PostKind = "department_head" } }, Forms = { "" },
        }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(error, "duties[0].level", "forms[0]");
        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() => node.Assessment.CreateCampaignAsync(
            new CreateCampaignRequest { Title = "专题述法", Year = 2026, Kind = "topic" }, node.Clerk).ResponseAsync), "duties");
    }
}
