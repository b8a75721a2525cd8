using Microsoft.Playwright;
using Platform.BuildingBlocks.Auth;
using InspectionV1 = Platform.Contracts.Inspection.V1;
using PlanningV1 = Platform.Contracts.Planning.V1;

namespace Platform.Functional.Tests.Console;

/// <summary>
/// The inspection pages in Debian's chromium: the office plans a mission and forms its team, an
/// inspector of the team records a finding, the office feeds it back; the target unit sees the
/// finding only after the feedback, and another unit does not see the mission at all.
/// </summary>
[Trait("Category", "Browser")]
public sealed class InspectionPagesBrowserTests(ChromiumBrowser browser, ConsoleNode node)
    : IClassFixture<ChromiumBrowser>, IClassFixture<ConsoleNode>
{
    private const string Password = "correct-horse-9";

    private static string InDays(int days) => DateTime.Today.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_office_plans_a_mission_an_inspector_records_a_finding_and_only_the_target_unit_sees_it_after_feedback()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var office = SliceScenario.Bearer(node.Tokens.OfficeStaff());
        var planning = new PlanningV1.PlanningService.PlanningServiceClient(node.KestrelChannel());
        var target = await planning.CreateUnitAsync(new() { Name = "崇川区城管局" + suffix, ShortName = "城管局" + suffix, Kind = "department", RegionCode = "320602" }, office);
        var other = await planning.CreateUnitAsync(new() { Name = "崇川区教育局" + suffix, ShortName = "教育局" + suffix, Kind = "department", RegionCode = "320602" }, office);
        await node.CreateAccountAsync("clerk" + suffix, "王科员", null, Password, PlatformRoles.OfficeStaff);
        await node.CreateAccountAsync("inspector" + suffix, "陈督察员", null, Password, PlatformRoles.Inspector);
        await node.CreateAccountAsync("city" + suffix, "孙联络员", Guid.Parse(target.Id), Password, PlatformRoles.UnitLiaison);
        await node.CreateAccountAsync("school" + suffix, "周联络员", Guid.Parse(other.Id), Password, PlatformRoles.UnitLiaison);
        // The inspector pool entry of the inspector's account (its user id is the account's name).
        var inspection = new InspectionV1.InspectionService.InspectionServiceClient(node.KestrelChannel());
        var pooled = await inspection.RegisterInspectorAsync(new() { Name = "陈督察员" + suffix, UserId = "inspector" + suffix, Expertise = { "enforcement" } }, office);
        var url = node.BaseUrl;
        var title = "2026年城市管理执法专项督察" + suffix;

        // The clerk plans the mission: an empty form is refused field by field, next to the inputs.
        var clerk = await browser.NewPageAsync();
        await clerk.SignInAsync(url, "clerk" + suffix, Password);
        await clerk.GoAsync(url + "/inspection");
        await clerk.ClickAsync("[data-testid=mission-submit]");
        await Assertions.Expect(clerk.Locator("[data-testid=mission-create] [data-field=title]")).ToBeVisibleAsync();
        await Assertions.Expect(clerk.Locator("[data-testid=mission-create] [data-field=targets]")).ToBeVisibleAsync();
        await Assertions.Expect(clerk.Locator("[data-testid=mission-create] [data-field=methods]")).ToBeVisibleAsync();
        await clerk.FillAsync("[data-testid=mission-title]", title);
        await clerk.SelectOptionAsync("[data-testid=mission-kind]", new SelectOptionValue { Label = "专项督察" });
        await clerk.FillAsync("[data-testid=mission-plan-entry]", "2026年度督察计划第3项");
        await clerk.GetByLabel(target.Name, new() { Exact = true }).CheckAsync();
        await clerk.FillAsync("[data-testid=mission-focus]", "行政执法“三项制度”落实情况\n执法案卷质量");
        await clerk.GetByLabel("查阅资料", new() { Exact = true }).CheckAsync();
        await clerk.GetByLabel("实地查看", new() { Exact = true }).CheckAsync();
        await clerk.FillAsync("[data-testid=mission-starts]", InDays(1));
        await clerk.FillAsync("[data-testid=mission-ends]", InDays(20));
        await clerk.ClickAsync("[data-testid=mission-submit]");
        try
        {
            await clerk.WaitForAddressAsync(new System.Text.RegularExpressions.Regex("/inspection/[0-9a-f-]{36}$"));
        }
        catch (TimeoutException ex)
        {
            // Say whether the API refused the form (its fields are named next to the inputs) or the page never moved.
            var form = await clerk.Locator("[data-testid=mission-create]").InnerTextAsync(new() { Timeout = 5000 });
            throw new TimeoutException($"The mission's page did not open after saving (still at {clerk.Url}); the form shows: {form}", ex);
        }
        await clerk.WaitInteractiveAsync();
        var missionUrl = clerk.Url;
        await Assertions.Expect(clerk.Locator("[data-testid=mission-state]")).ToHaveTextAsync("已计划");

        // The team, then notice and start.
        await clerk.GetByLabel(pooled.Name).CheckAsync();
        await clerk.SelectOptionAsync("[data-testid=team-leader]", new SelectOptionValue { Label = pooled.Name });
        await clerk.ClickAsync("[data-testid=team-submit]");
        await Assertions.Expect(clerk.Locator("[data-testid=mission-team]")).ToContainTextAsync(pooled.Name + "（组长）");
        await clerk.ClickAsync("[data-testid=move-notified]");
        await Assertions.Expect(clerk.Locator("[data-testid=mission-state]")).ToHaveTextAsync("已通知");
        await clerk.ClickAsync("[data-testid=move-in_progress]");
        await Assertions.Expect(clerk.Locator("[data-testid=mission-state]")).ToHaveTextAsync("督察中");

        // The inspector finds the mission in the list and records a finding; a missing category is named next to its box.
        var inspector = await browser.NewPageAsync();
        await inspector.SignInAsync(url, "inspector" + suffix, Password);
        await inspector.GoAsync(url + "/inspection");
        await inspector.Locator("[data-testid=mission-link]", new() { HasText = title }).ClickAsync();
        await inspector.WaitForAddressAsync(missionUrl);
        await inspector.WaitInteractiveAsync();
        await inspector.SelectOptionAsync("[data-testid=finding-unit]", new SelectOptionValue { Label = target.Name });
        await inspector.FillAsync("[data-testid=finding-title]", "行政处罚案件未经法制审核即作出决定");
        await inspector.FillAsync("[data-testid=finding-description]", "抽查2025年行政处罚案卷30件，其中4件重大执法决定未经法制审核。");
        await inspector.SelectOptionAsync("[data-testid=finding-severity]", new SelectOptionValue { Label = "较重" });
        await inspector.ClickAsync("[data-testid=finding-submit]");
        await Assertions.Expect(inspector.Locator("[data-testid=finding-form] [data-field=category]")).ToBeVisibleAsync();
        // The refused call changed nothing: the rest of the form is still filled in.
        await Assertions.Expect(inspector.Locator("[data-testid=finding-title]")).ToHaveValueAsync("行政处罚案件未经法制审核即作出决定");
        await inspector.FillAsync("[data-testid=finding-category]", "行政执法");
        await inspector.ClickAsync("[data-testid=finding-submit]");
        var finding = inspector.Locator("[data-testid=findings] tbody tr", new() { HasText = "行政处罚案件未经法制审核即作出决定" });
        await Assertions.Expect(finding).ToContainTextAsync("较重");
        await Assertions.Expect(finding).ToContainTextAsync(target.Name);
        await inspector.ScreenshotAsync("inspection-mission");

        // Before feedback the target unit sees the mission (it was notified) but none of its findings.
        var liaison = await browser.NewPageAsync();
        await liaison.SignInAsync(url, "city" + suffix, Password);
        await liaison.GoAsync(missionUrl);
        await Assertions.Expect(liaison.Locator("[data-testid=no-findings]")).ToBeVisibleAsync();
        Assert.Equal(0, await liaison.Locator("[data-testid=finding-form]").CountAsync());

        // The office moves to reporting and feeds the finding back to the unit, one to one.
        await clerk.GoAsync(missionUrl);
        await clerk.ClickAsync("[data-testid=move-reporting]");
        await Assertions.Expect(clerk.Locator("[data-testid=mission-state]")).ToHaveTextAsync("形成报告");
        await clerk.FillAsync("[data-testid=feedback-note]", "请于反馈之日起30个工作日内报送整改方案。");
        await clerk.Locator($"[data-target='{target.Id}'] [data-testid=feedback-submit]").ClickAsync();
        await Assertions.Expect(clerk.Locator($"[data-target='{target.Id}']")).ToContainTextAsync("已反馈");
        await clerk.ClickAsync("[data-testid=report-generate]");
        await Assertions.Expect(clerk.Locator("[data-testid=report-totals]")).ToContainTextAsync("共发现问题 1 个");
        Assert.EndsWith(".docx", await clerk.Locator("[data-testid=report-download]").InnerTextAsync(), StringComparison.Ordinal);

        // Now the unit sees its finding; another unit does not see the mission at all.
        await liaison.GoAsync(missionUrl);
        await Assertions.Expect(liaison.Locator("[data-testid=findings] tbody tr", new() { HasText = "行政处罚案件未经法制审核即作出决定" })).ToBeVisibleAsync();
        var stranger = await browser.NewPageAsync();
        await stranger.SignInAsync(url, "school" + suffix, Password);
        await stranger.GoAsync(missionUrl);
        await Assertions.Expect(stranger.Locator(".problem-banner")).ToContainTextAsync("未找到");
        Assert.Equal(0, await stranger.Locator("[data-testid=mission]").CountAsync());
    }
}
