using System.Text;
using Microsoft.Playwright;
using Platform.BuildingBlocks.Auth;
using Platform.Testing;
using AssessmentV1 = Platform.Contracts.Assessment.V1;
using PlanningV1 = Platform.Contracts.Planning.V1;

namespace Platform.Functional.Tests.Console;

/// <summary>
/// The duty-report (述法) pages in Debian's chromium: the office generates a campaign's roster and
/// sees who is missing, a unit's liaison submits a report with a file, the office rates it and the
/// dashboard moves; another unit's liaison sees none of it.
/// </summary>
[Trait("Category", "Browser")]
public sealed class AssessmentPagesBrowserTests(ChromiumBrowser browser, ConsoleNode node)
    : IClassFixture<ChromiumBrowser>, IClassFixture<ConsoleNode>
{
    private const string Password = "correct-horse-9";

    private static readonly byte[] Pdf = TestFiles.Pdf;

    [Fact]
    public async Task The_office_runs_a_duty_report_campaign_a_unit_reports_with_a_file_and_another_unit_sees_none_of_it()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var office = SliceScenario.Bearer(node.Tokens.OfficeStaff());
        var planning = new PlanningV1.PlanningService.PlanningServiceClient(node.KestrelChannel());
        var assessment = new AssessmentV1.AssessmentService.AssessmentServiceClient(node.KestrelChannel());
        var target = await planning.CreateUnitAsync(new() { Name = "崇川区司法局" + suffix, Kind = "department", RegionCode = "320602" }, office);
        var other = await planning.CreateUnitAsync(new() { Name = "崇川区财政局" + suffix, Kind = "department", RegionCode = "320602" }, office);
        foreach (var unit in new[] { target, other })
        {
            // Assessment keeps its own copy of the units from planning's event.
            await Eventually.GetAsync(
                async () => (await assessment.ListAssessmentUnitsAsync(new() { PageSize = 500 }, office)).Units.FirstOrDefault(u => u.Id == unit.Id),
                TimeSpan.FromSeconds(30), "unit " + unit.Name + " in assessment");
        }
        var head = await assessment.CreatePersonAsync(new() { UnitId = target.Id, Name = "李明" + suffix, Position = "局长", PostKind = "department_head", Rank = "正处级", TermStart = "2024-03-01" }, office);
        var otherHead = await assessment.CreatePersonAsync(new() { UnitId = other.Id, Name = "王强" + suffix, Position = "局长", PostKind = "department_head", Rank = "正处级", TermStart = "2024-03-01" }, office);
        var year = DateTime.UtcNow.AddHours(8).Year;
        var campaign = await assessment.CreateCampaignAsync(new()
        {
            Title = $"{year}年度部门主要负责人述法" + suffix, Year = year, Kind = "annual",
            Duties = { new AssessmentV1.Duty { Level = "county", PostKind = "department_head" } },
        }, office);
        await node.CreateAccountAsync("clerk" + suffix, "王科员", null, Password, PlatformRoles.OfficeStaff);
        await node.CreateAccountAsync("justice" + suffix, "孙联络员", Guid.Parse(target.Id), Password, PlatformRoles.UnitLiaison);
        await node.CreateAccountAsync("finance" + suffix, "周联络员", Guid.Parse(other.Id), Password, PlatformRoles.UnitLiaison);
        var url = node.BaseUrl;

        // The office opens the campaign from the list, generates the roster and sees who is missing.
        var clerk = await browser.NewPageAsync();
        await clerk.SignInAsync(url, "clerk" + suffix, Password);
        await clerk.GoAsync(url + "/assessment");
        await clerk.Locator("[data-testid=campaign-link]", new() { HasText = campaign.Title }).ClickAsync();
        await clerk.WaitForAddressAsync(url + "/assessment/campaigns/" + campaign.Id);
        await clerk.WaitInteractiveAsync();
        await clerk.ClickAsync("[data-testid=generate-roster]");
        await Assertions.Expect(clerk.Locator("[data-testid=roster-generated]")).ToContainTextAsync("新增 2 人");
        var total = clerk.Locator("[data-testid=duty-dashboard] tfoot tr");
        await Assertions.Expect(total.Locator("[data-count=due]")).ToHaveTextAsync("2");
        await Assertions.Expect(total.Locator("[data-count=submitted]")).ToHaveTextAsync("0");
        await clerk.SelectOptionAsync("[data-testid=filter-status]", "missing");
        await clerk.ClickAsync("[data-testid=roster-apply]");
        await Assertions.Expect(clerk.Locator("[data-testid=roster] tbody tr[data-entry]")).ToHaveCountAsync(2);

        // The liaison finds the campaign on the home page; a report without a form is refused next to the field.
        var liaison = await browser.NewPageAsync();
        await liaison.SignInAsync(url, "justice" + suffix, Password);
        var status = liaison.Locator($"[data-testid=duty-status] [data-campaign='{campaign.Id}']");
        await Assertions.Expect(status.Locator("[data-status=due]")).ToHaveTextAsync("待述法 1 人");
        await status.Locator("a").ClickAsync();
        await liaison.WaitForAddressAsync(url + "/assessment/campaigns/" + campaign.Id);
        await liaison.WaitInteractiveAsync();
        await Assertions.Expect(liaison.Locator("[data-testid=roster] tbody tr[data-entry]")).ToHaveCountAsync(1);
        await liaison.FillAsync("[data-testid=report-text]", "一年来认真履行推进法治建设第一责任人职责，主持召开局党组会议专题研究法治工作4次。");
        await liaison.ClickAsync("[data-testid=report-submit]");
        await Assertions.Expect(liaison.Locator("[data-testid=report-form] [data-field=form]")).ToBeVisibleAsync();
        await liaison.SelectOptionAsync("[data-testid=report-form-kind]", "书面");
        // The upload check refuses a program, next to the files.
        await liaison.Locator("[data-testid=report-files]").PickFilesAsync(new FilePayload
        {
            Name = "述法报告.exe", MimeType = "application/octet-stream", Buffer = [0x4D, 0x5A, 0x90, 0x00],
        });
        await Assertions.Expect(liaison.Locator("[data-testid=picked-files]")).ToContainTextAsync("述法报告.exe");
        await liaison.ClickAsync("[data-testid=report-submit]");
        await Assertions.Expect(liaison.Locator("[data-testid=report-form] [data-field=attachments]")).ToBeVisibleAsync();
        await liaison.Locator("[data-testid=report-files]").PickFilesAsync(new FilePayload
        {
            Name = "述法报告.pdf", MimeType = "application/pdf", Buffer = Pdf,
        });
        await Assertions.Expect(liaison.Locator("[data-testid=picked-files]")).ToContainTextAsync("述法报告.pdf");
        await liaison.ClickAsync("[data-testid=report-submit]");
        var entry = liaison.Locator($"[data-person='{head.Name}']");
        await Assertions.Expect(entry.Locator("[data-testid=entry-status]")).ToHaveTextAsync("已提交待评");
        await Assertions.Expect(liaison.Locator("[data-testid=action-done]")).ToContainTextAsync("附件：述法报告.pdf");

        // The office rates it, and the dashboard moves.
        await clerk.GoAsync(url + "/assessment/campaigns/" + campaign.Id);
        var review = clerk.Locator("[data-review]");
        await review.Locator("[data-testid=review-rating]").SelectOptionAsync("excellent");
        await review.Locator("[data-testid=review-comment]").FillAsync("述职全面，学法用法情况具体。");
        await review.Locator("[data-testid=review-rate]").ClickAsync();
        await Assertions.Expect(clerk.Locator($"[data-person='{head.Name}'] [data-testid=entry-rating]")).ToHaveTextAsync("优秀");
        await Assertions.Expect(total.Locator("[data-count=submitted]")).ToHaveTextAsync("1");
        await Assertions.Expect(total.Locator("[data-count=reviewed]")).ToHaveTextAsync("1");
        await Assertions.Expect(total.Locator("[data-testid=ratings]")).ToHaveTextAsync("1/0/0/0");
        await clerk.ScreenshotAsync("assessment-campaign");

        // The liaison sees the rating and the comment.
        await liaison.GoAsync(url + "/assessment/campaigns/" + campaign.Id);
        await Assertions.Expect(entry.Locator("[data-testid=entry-rating]")).ToHaveTextAsync("优秀");
        await Assertions.Expect(entry.Locator("[data-testid=entry-comment]")).ToHaveTextAsync("述职全面，学法用法情况具体。");
        await liaison.ScreenshotAsync("assessment-duty-report");

        // Another unit's liaison sees its own head due and nothing of the first unit's.
        var stranger = await browser.NewPageAsync();
        await stranger.SignInAsync(url, "finance" + suffix, Password);
        await stranger.GoAsync(url + "/assessment/campaigns/" + campaign.Id);
        await Assertions.Expect(stranger.Locator($"[data-person='{otherHead.Name}'] [data-testid=entry-status]")).ToHaveTextAsync("待述法");
        Assert.Equal(0, await stranger.Locator($"[data-person='{head.Name}']").CountAsync());
        Assert.DoesNotContain(head.Name, await stranger.Locator("main").InnerTextAsync());
    }
}
