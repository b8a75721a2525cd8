using Google.Protobuf;
using Microsoft.Playwright;
using Platform.BuildingBlocks.Auth;
using Platform.Testing;
using AssessmentV1 = Platform.Contracts.Assessment.V1;
using PlanningV1 = Platform.Contracts.Planning.V1;

namespace Platform.Functional.Tests.Console;

/// <summary>
/// The office's assessment workflows in Debian's chromium: it drafts a campaign (duty list, forms) and generates its
/// roster, downloads the file a unit submitted with its report; a unit appeals a point on 考评 and the office decides
/// it; 考评 and 法治档案 open with data. One node for the class: each test makes its own units and people.
/// </summary>
[Trait("Category", "Browser")]
public sealed class AssessmentWorkflowsBrowserTests(ChromiumBrowser browser, ConsoleNode node)
    : IClassFixture<ChromiumBrowser>, IClassFixture<ConsoleNode>
{
    private const string Password = "correct-horse-9";

    private static readonly byte[] Pdf = TestFiles.Pdf;

    private static int Year => DateTime.UtcNow.AddHours(8).Year;

    private AssessmentV1.AssessmentService.AssessmentServiceClient Assessment => new(node.KestrelChannel());

    /// <summary>A unit made in planning, once assessment has its copy (from planning's event).</summary>
    private async Task<PlanningV1.Unit> UnitAsync(string name, string regionCode = "320602", string kind = "department")
    {
        var office = SliceScenario.Bearer(node.Tokens.OfficeStaff());
        var unit = await new PlanningV1.PlanningService.PlanningServiceClient(node.KestrelChannel())
            .CreateUnitAsync(new() { Name = name, Kind = kind, RegionCode = regionCode }, office);
        await Eventually.GetAsync(
            async () => (await Assessment.ListAssessmentUnitsAsync(new() { PageSize = 500 }, office)).Units.FirstOrDefault(u => u.Id == unit.Id),
            TimeSpan.FromSeconds(30), "unit " + name + " in assessment");
        return unit;
    }

    [Fact]
    public async Task The_office_drafts_a_campaign_generates_its_roster_and_downloads_the_file_a_unit_reported_with()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var office = SliceScenario.Bearer(node.Tokens.OfficeStaff());
        var unit = await UnitAsync("通州区司法局" + suffix);
        var head = await Assessment.CreatePersonAsync(new() { UnitId = unit.Id, Name = "吴敏" + suffix, Position = "局长", PostKind = "department_head", TermStart = "2024-03-01" }, office);
        await node.CreateAccountAsync("clerk" + suffix, "王科员", null, Password, PlatformRoles.OfficeStaff);
        var url = node.BaseUrl;
        var title = $"{Year}年度部门主要负责人述法" + suffix;

        // The office drafts the campaign; a campaign without a title is refused next to the field.
        var clerk = await browser.NewPageAsync();
        await clerk.SignInAsync(url, "clerk" + suffix, Password);
        await clerk.GoAsync(url + "/assessment");
        await clerk.ClickAsync("[data-testid=campaign-new]");
        await clerk.CheckAsync("[data-testid=duty-county-department_head]");
        await clerk.CheckAsync("[data-testid=campaign-form][value=书面]");
        await clerk.ClickAsync("[data-testid=campaign-save]");
        await Assertions.Expect(clerk.Locator("[data-testid=campaign-editor] [data-field=title]")).ToBeVisibleAsync();
        await clerk.ScreenshotAsync("assessment-campaign-new");
        await clerk.FillAsync("[data-testid=campaign-title-input]", title);
        await clerk.FillAsync("[data-testid=campaign-extra-forms]", "述法述职会");
        await clerk.ClickAsync("[data-testid=campaign-save]");
        await Assertions.Expect(clerk.Locator("[data-testid=campaign-title]")).ToHaveTextAsync(title);
        await Assertions.Expect(clerk.Locator("[data-testid=campaign]")).ToContainTextAsync("县级部门主要负责人");
        await Assertions.Expect(clerk.Locator("[data-testid=campaign]")).ToContainTextAsync("书面、述法述职会");

        // It generates the roster: the head is on it, due (the class's other tests add county heads of their own to the node).
        await clerk.WaitInteractiveAsync();
        await clerk.ClickAsync("[data-testid=generate-roster]");
        await Assertions.Expect(clerk.Locator("[data-testid=roster-generated]")).ToContainTextAsync("名单已更新");
        await clerk.SelectOptionAsync("[data-testid=filter-unit]", unit.Id);
        await clerk.ClickAsync("[data-testid=roster-apply]");
        await Assertions.Expect(clerk.Locator("[data-testid=roster] tbody tr[data-entry]")).ToHaveCountAsync(1);
        var row = clerk.Locator($"[data-person='{head.Name}']");
        await Assertions.Expect(row.Locator("[data-testid=entry-status]")).ToHaveTextAsync("待述法");

        // It revises the title; the page shows the revision.
        await clerk.ClickAsync("[data-testid=campaign-revise]");
        await clerk.FillAsync("[data-testid=campaign-title-input]", title + "（修订）");
        await clerk.ClickAsync("[data-testid=campaign-save]");
        await Assertions.Expect(clerk.Locator("[data-testid=action-done]")).ToContainTextAsync("第 1 次修订");
        await Assertions.Expect(clerk.Locator("[data-testid=campaign-title]")).ToHaveTextAsync(title + "（修订）");

        // The unit submits with a file (its page is AssessmentPagesBrowserTests'); the office's roster names the file and downloads it.
        var campaignId = new Uri(clerk.Url).Segments.Last();
        var entry = (await Assessment.ListRosterAsync(new() { CampaignId = campaignId, UnitId = unit.Id }, office)).Entries.Single(e => e.PersonId == head.Id);
        var report = new AssessmentV1.SubmitDutyReportRequest { EntryId = entry.Id, Form = "书面", Text = "一年来认真履行推进法治建设第一责任人职责。" };
        report.Attachments.Add(new AssessmentV1.NewDutyReportFile { FileName = "述法报告.pdf", Content = ByteString.CopyFrom(Pdf) });
        await Assessment.SubmitDutyReportAsync(report, SliceScenario.Bearer(node.Tokens.Liaison(Guid.Parse(unit.Id), "liaison-" + suffix)));
        await clerk.GoAsync(url + "/assessment/campaigns/" + campaignId);
        var file = row.Locator("[data-testid=entry-file]");
        await Assertions.Expect(file).ToHaveTextAsync("述法报告.pdf");
        var (name, content) = await clerk.DownloadAsync(file);
        Assert.Equal("述法报告.pdf", name);
        Assert.Equal(Pdf, content);
        await clerk.ScreenshotAsync("assessment-roster-files");

        // Another unit's liaison gets no file through the console either.
        var other = await UnitAsync("通州区财政局" + suffix);
        await node.CreateAccountAsync("finance" + suffix, "周联络员", Guid.Parse(other.Id), Password, PlatformRoles.UnitLiaison);
        var stranger = await browser.NewPageAsync();
        await stranger.SignInAsync(url, "finance" + suffix, Password);
        var refused = await stranger.APIRequest.GetAsync(url + await file.GetAttributeAsync("href"));
        Assert.Equal(404, refused.Status);
    }

    [Fact]
    public async Task A_unit_appeals_a_point_on_its_score_the_office_decides_it_and_the_dossier_opens_with_the_persons_record()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var office = SliceScenario.Bearer(node.Tokens.OfficeStaff());
        var evaluation = new AssessmentV1.EvaluationService.EvaluationServiceClient(node.KestrelChannel());
        await evaluation.SetIndicatorSystemAsync(new()
        {
            Year = Year, RoutineShare = 40, AnnualShare = 60,
            Indicators =
            {
                new AssessmentV1.Indicator { Code = "1", Name = "依法行政", Weight = 100 },
                new AssessmentV1.Indicator { Code = "1.1", ParentCode = "1", Name = "依法决策", Weight = 60, Scoring = "manual" },
                new AssessmentV1.Indicator { Code = "1.2", ParentCode = "1", Name = "执法监督", Weight = 40, Scoring = "manual" },
            },
        }, office);
        var unit = await UnitAsync("如皋市司法局" + suffix, "320682");
        foreach (var (code, kind, value) in new[] { ("1.1", "routine", 50.0), ("1.1", "annual", 55.0), ("1.2", "routine", 30.0), ("1.2", "annual", 20.0) })
        {
            await evaluation.RecordScoreAsync(new() { Year = Year, UnitId = unit.Id, IndicatorCode = code, Evaluation = kind, Value = value }, office);
        }
        var person = await Assessment.CreatePersonAsync(new() { UnitId = unit.Id, Name = "钱进" + suffix, Position = "局长", PostKind = "department_head", Rank = "正处级", TermStart = "2024-03-01" }, office);
        await node.CreateAccountAsync("clerk" + suffix, "王科员", null, Password, PlatformRoles.OfficeStaff);
        await node.CreateAccountAsync("rugao" + suffix, "孙联络员", Guid.Parse(unit.Id), Password, PlatformRoles.UnitLiaison);
        var url = node.BaseUrl;

        // The unit sees its score and appeals 1.2.
        var liaison = await browser.NewPageAsync();
        await liaison.SignInAsync(url, "rugao" + suffix, Password);
        await liaison.GoAsync(url + "/assessment/scores");
        // combined = 40 % × 80 + 60 % × 75 = 77
        await Assertions.Expect(liaison.Locator("[data-testid=score-totals]")).ToContainTextAsync("综合得分 77");
        await liaison.SelectOptionAsync("[data-testid=appeal-leaf]", "1.2");
        await liaison.FillAsync("[data-testid=appeal-reason]", "执法案卷评查已按期整改，请予复核。");
        await liaison.ClickAsync("[data-testid=appeal-submit]");
        await Assertions.Expect(liaison.Locator("[data-testid=appeal-done]")).ToBeVisibleAsync();
        await Assertions.Expect(liaison.Locator("[data-testid=appeals] [data-testid=appeal-status]")).ToHaveTextAsync("待处理");

        // The office sees it pending, refuses points written as words next to the field, and upholds it with 5 points.
        var clerk = await browser.NewPageAsync();
        await clerk.SignInAsync(url, "clerk" + suffix, Password);
        await clerk.GoAsync(url + "/assessment/scores");
        var pending = clerk.Locator("[data-appeal]", new() { HasText = "执法案卷评查已按期整改" });
        await Assertions.Expect(pending.Locator("[data-testid=appeal-text]")).ToBeVisibleAsync();
        await pending.Locator("[data-testid=decision-adjustment]").FillAsync("五分");
        await pending.Locator("[data-testid=decision-comment]").FillAsync("经复核，整改已于期限内完成。");
        await pending.Locator("[data-testid=decision-submit]").ClickAsync();
        await Assertions.Expect(pending.Locator("[data-field=adjustment]")).ToBeVisibleAsync();
        await clerk.ScreenshotAsync("assessment-appeals");
        await pending.Locator("[data-testid=decision-adjustment]").FillAsync("5");
        await pending.Locator("[data-testid=decision-submit]").ClickAsync();
        // Both evaluations of 1.2 move by 5: combined 77 → 40 % × 85 + 60 % × 80 = 82.
        await Assertions.Expect(clerk.Locator("[data-testid=decision-done]")).ToContainTextAsync("77 → 82");
        await Assertions.Expect(clerk.Locator($"[data-unit='{unit.Id}']")).ToContainTextAsync("82");

        // The unit sees the decision on its 考评 page.
        await liaison.GoAsync(url + "/assessment/scores");
        await Assertions.Expect(liaison.Locator("[data-testid=appeals] [data-testid=appeal-status]")).ToHaveTextAsync("已采纳");
        await Assertions.Expect(liaison.Locator("[data-testid=appeals] [data-testid=appeal-comment]")).ToContainTextAsync("经复核，整改已于期限内完成。");
        await Assertions.Expect(liaison.Locator("[data-testid=score-totals]")).ToContainTextAsync("综合得分 82");
        await liaison.ScreenshotAsync("assessment-scores");

        // 法治档案: the office finds the person and opens the dossier.
        await clerk.GoAsync(url + "/assessment/people");
        await clerk.Locator("[data-testid=person-link]", new() { HasText = person.Name }).ClickAsync();
        await clerk.WaitForAddressAsync(url + "/assessment/people/" + person.Id);
        await Assertions.Expect(clerk.Locator("[data-testid=dossier-name]")).ToContainTextAsync(person.Name);
        await Assertions.Expect(clerk.Locator("[data-testid=dossier]")).ToContainTextAsync("正处级");
        await clerk.ScreenshotAsync("assessment-dossier");
    }

    [Fact]
    public async Task The_office_imports_people_with_the_bad_rows_shown_by_line_and_records_a_transfer_on_the_dossier()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var unit = await UnitAsync("启东市司法局" + suffix, "320681");
        var other = await UnitAsync("启东市财政局" + suffix, "320681");
        await node.CreateAccountAsync("clerk" + suffix, "王科员", null, Password, PlatformRoles.OfficeStaff);
        var url = node.BaseUrl;
        var clerk = await browser.NewPageAsync();
        await clerk.SignInAsync(url, "clerk" + suffix, Password);
        await clerk.GoAsync(url + "/assessment/people");

        // Two good rows and one naming a unit the node lacks.
        await clerk.ClickAsync("[data-testid=people-import-open]");
        var csv = $"单位,姓名,职务,岗位类别,职级,任职时间\n{unit.Name},冯涛{suffix},局长,部门主要负责人,正处级,2024-03-01\n"
            + $"没有的单位{suffix},褚红{suffix},副局长,班子成员,副处级,2024-03-01\n{unit.Name},卫东{suffix},执法大队大队长,执法人员,,2024-05-01\n";
        await clerk.Locator("[data-testid=import-file]").PickFilesAsync(new FilePayload
        {
            Name = "人员名单.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv),
        });
        await Assertions.Expect(clerk.Locator("[data-testid=picked-files]")).ToContainTextAsync("人员名单.csv");
        await clerk.ClickAsync("[data-testid=import-save]");
        await Assertions.Expect(clerk.Locator("[data-testid=import-result]")).ToContainTextAsync("新增 2 人，更新 0 人，1 行未导入");
        await Assertions.Expect(clerk.Locator("[data-testid=import-problems] tr[data-line='3']")).ToContainTextAsync("没有的单位" + suffix);
        await clerk.ScreenshotAsync("assessment-people-import");

        // The imported head is listed; the office transfers him on his dossier, and the history shows it.
        await clerk.Locator("[data-testid=person-link]", new() { HasText = "冯涛" + suffix }).ClickAsync();
        await clerk.WaitForAddressAsync(new System.Text.RegularExpressions.Regex("/assessment/people/[0-9a-f-]{36}$"));
        await clerk.WaitInteractiveAsync();
        await clerk.ClickAsync("[data-testid=person-change-open]");
        await clerk.SelectOptionAsync("[data-testid=change-kind]", "transfer");
        await clerk.ClickAsync("[data-testid=change-save]");
        await Assertions.Expect(clerk.Locator("[data-testid=person-change] [data-field=unit_id]")).ToBeVisibleAsync();
        await clerk.SelectOptionAsync("[data-testid=change-unit]", other.Id);
        await clerk.FillAsync("[data-testid=change-position]", "局长");
        await clerk.ClickAsync("[data-testid=change-save]");
        await Assertions.Expect(clerk.Locator("[data-testid=change-done]")).ToHaveTextAsync("已记录调任。");
        await Assertions.Expect(clerk.Locator("[data-testid=dossier]")).ToContainTextAsync(other.Name);
    }
}
