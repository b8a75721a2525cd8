using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Platform.BuildingBlocks.Auth;
using Platform.Testing;
using Proto = Platform.Contracts.Planning.V1;

namespace Platform.Functional.Tests.Console;

/// <summary>
/// The console in Debian's chromium against an embedded node on real ports: the planning year's
/// first path from sign-in to statistics, and what a person is told when something is refused.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ConsoleBrowserTests : IClassFixture<ChromiumBrowser>, IDisposable
{
    private const string Password = "correct-horse-9";

    // Part (二) of Chengdu's work points on administration by law, as the README imports it.
    private const string Notice =
        "(二)以推进财政体制改革和行政审批制度改革为重点,深化行政体制改革\n" +
        "1.深化部门预算管理改革,改革国库管理制度,年内在市级部门全面实行国库集中支付。(牵头单位:市财政局;责任单位:市政府各部门)\n" +
        "2.规范政府投资行为,实行政府投资项目公示制度和公开招投标制度,年内稽察、检查政府投资项目21个以上。(牵头单位:市计委、市监察局;责任单位:市政府相关部门)";

    private readonly ChromiumBrowser _browser;
    private readonly ConsoleNode _node = new();

    public ConsoleBrowserTests(ChromiumBrowser browser) => _browser = browser;

    public void Dispose() => _node.Dispose();

    private async Task<(Guid Finance, Guid Supervision)> ArrangeUnitsAndPeopleAsync()
    {
        var planning = new Proto.PlanningService.PlanningServiceClient(_node.KestrelChannel());
        var office = SliceScenario.Bearer(_node.Tokens.OfficeStaff());
        var finance = await planning.CreateUnitAsync(new() { Name = "成都市财政局", ShortName = "市财政局", Kind = "department", RegionCode = "510100" }, office);
        var supervision = await planning.CreateUnitAsync(new() { Name = "成都市监察局", ShortName = "市监察局", Kind = "department", RegionCode = "510100" }, office);
        await _node.CreateAccountAsync("clerk", "王科员", null, Password, PlatformRoles.OfficeStaff);
        await _node.CreateAccountAsync("finance", "李联络员", Guid.Parse(finance.Id), Password, PlatformRoles.UnitLiaison);
        await _node.CreateAccountAsync("supervision", "赵联络员", Guid.Parse(supervision.Id), Password, PlatformRoles.UnitLiaison);
        return (Guid.Parse(finance.Id), Guid.Parse(supervision.Id));
    }

    [Fact]
    public async Task A_clerk_imports_issues_and_assigns_a_liaison_reports_with_a_file_and_the_clerk_sees_the_statistics_move()
    {
        await ArrangeUnitsAndPeopleAsync();
        var url = _node.BaseUrl;

        // The clerk: sign in, import the notice, check the draft, issue, assign task 1 to the finance bureau.
        var clerk = await _browser.NewPageAsync();
        await clerk.SignInAsync(url, "clerk", Password);
        await clerk.GoAsync(url + "/plans/import");
        await clerk.FillAsync("#text", Notice);
        await clerk.FillAsync("#title", "成都市依法行政工作要点");
        await clerk.ClickAsync("form.console-form button[type=submit]");
        var result = clerk.Locator("[data-testid=import-result]");
        await clerk.Locator("[data-testid=import-result], .problem-banner").First.WaitForAsync();
        Assert.Equal("", await clerk.Locator(".problem-banner").AllInnerTextsAsync() is var problems && problems.Count > 0 ? problems[0] : "");
        Assert.Contains("成都市财政局", await result.InnerTextAsync());
        Assert.Contains("未识别的责任单位：市计委", await clerk.Locator("[data-testid=import-problems]").InnerTextAsync());
        await clerk.ScreenshotAsync("plan-import");

        await clerk.ClickAsync("[data-testid=open-draft]");
        await clerk.WaitInteractiveAsync();
        await clerk.Locator("[data-testid=issue]").ClickAsync();
        await Assertions.Expect(clerk.Locator("[data-testid=plan-status]")).ToHaveTextAsync("已下达");
        await clerk.SelectOptionAsync("[data-testid=assign-unit-1]", new SelectOptionValue { Label = "成都市财政局" });
        await clerk.ClickAsync("[data-testid=assign-1]");
        await Assertions.Expect(clerk.Locator("[data-task='1'] [data-testid=assignment]")).ToContainTextAsync("成都市财政局");
        await clerk.ScreenshotAsync("plan-issued-and-assigned");

        await WaitForTotalsAsync(clerk, url, "交办 1 项，完成 0 项");

        // The finance bureau's liaison: sees the task, accepts it, a refused file is explained, then the final report with a file.
        var liaison = await _browser.NewPageAsync();
        await liaison.SignInAsync(url, "finance", Password);
        await Assertions.Expect(liaison.Locator("[data-testid=unit-home]")).ToContainTextAsync("本单位任务");
        await liaison.GoAsync(url + "/tasks");
        var card = liaison.Locator("[data-testid=task-card]");
        await Assertions.Expect(card).ToContainTextAsync("深化部门预算管理改革");
        await liaison.ClickAsync("[data-testid=accept]");
        await liaison.Locator("[data-testid=report-text]").FillAsync("已在市级部门全面实行国库集中支付。");
        await liaison.Locator("[data-testid=report-percent]").FillAsync("100");
        await liaison.Locator("[data-testid=report-file]").PickFilesAsync(new FilePayload
        {
            Name = "说明.exe", MimeType = "application/octet-stream", Buffer = [0x4D, 0x5A, 0x90, 0x00],
        });
        // The file is read over the circuit; submit once the page shows it picked.
        await Assertions.Expect(liaison.Locator("[data-testid=report-file-name]")).ToContainTextAsync("说明.exe");
        await liaison.ClickAsync("[data-testid=report-submit]");
        // Refused by the API's upload check, said in Chinese next to the file field.
        await Assertions.Expect(liaison.Locator("[data-field=attachments]")).ToContainTextAsync("不接受 .exe 文件，请上传以下类型之一");
        await liaison.ScreenshotAsync("refused-upload");

        await liaison.Locator("[data-testid=report-file]").PickFilesAsync(new FilePayload
        {
            Name = "落实情况.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("国库集中支付已覆盖全部市级部门。"),
        });
        await Assertions.Expect(liaison.Locator("[data-testid=report-file-name]")).ToContainTextAsync("落实情况.txt");
        await liaison.Locator("input[type=checkbox]").CheckAsync();
        await liaison.ClickAsync("[data-testid=report-submit]");
        await liaison.Locator("[data-testid=report-done]").WaitForAsync();
        await Assertions.Expect(card).ToContainTextAsync("已完成");
        await liaison.ScreenshotAsync("unit-tasks");

        // The clerk sees the statistics move (the read model follows the report's event).
        await WaitForTotalsAsync(clerk, url, "交办 1 项，完成 1 项");
        Assert.Equal("100", await clerk.Locator("[data-row='成都市财政局'] [role=progressbar]").GetAttributeAsync("aria-valuenow"));
        await clerk.ScreenshotAsync("office-home");

        // A liaison of another unit sees none of it.
        var other = await _browser.NewPageAsync();
        await other.SignInAsync(url, "supervision", Password);
        await other.GoAsync(url + "/tasks");
        await Assertions.Expect(other.Locator("[data-testid=no-tasks]")).ToBeVisibleAsync();
        Assert.Equal(0, await other.Locator("[data-testid=task-card]").CountAsync());
    }

    /// <summary>The statistics are a read model that follows events: reload the home page until it shows them.</summary>
    private static Task WaitForTotalsAsync(IPage page, string url, string expected) =>
        Eventually.GetAsync(async () =>
        {
            await page.GoAsync(url + "/");
            var totals = await page.Locator("[data-testid=totals]").InnerTextAsync();
            return totals.Contains(expected, StringComparison.Ordinal) ? totals : null;
        }, TimeSpan.FromSeconds(60), $"the clerk's totals to read {expected}");

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_clear_message_and_repeated_failures_lock_the_account()
    {
        await ArrangeUnitsAndPeopleAsync();
        var page = await _browser.NewPageAsync();
        await page.SignInAsync(_node.BaseUrl, "clerk", "not-the-password", expectSuccess: false);
        await Assertions.Expect(page.Locator("[data-testid=signin-error]")).ToHaveTextAsync("账号或密码错误。");
        await page.ScreenshotAsync("signin-wrong-password");
        Assert.Equal(0, (await page.Context.CookiesAsync()).Count(c => c.Name == "platform.console"));

        for (var i = 0; i < 4; i++)
        {
            await page.SignInAsync(_node.BaseUrl, "clerk", "not-the-password", expectSuccess: false);
        }
        await Assertions.Expect(page.Locator("[data-testid=signin-error]")).ToContainTextAsync("账号已锁定");
        // Locked: even the right password is refused until the lockout ends.
        await page.SignInAsync(_node.BaseUrl, "clerk", Password, expectSuccess: false);
        await Assertions.Expect(page.Locator("[data-testid=signin-error]")).ToContainTextAsync("账号已锁定");
    }

    [Fact]
    public async Task The_first_run_operator_signs_in_and_creates_an_account_that_can_sign_in()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(_node.BaseUrl + "/");
        // Not signed in: the console sends the person to the sign-in page.
        await page.WaitForAddressAsync(u => u.Contains("/signin", StringComparison.Ordinal));
        await page.ScreenshotAsync("signin");
        await page.SignInAsync(_node.BaseUrl, "admin", ConsoleNode.OperatorPassword);
        await page.GoAsync(_node.BaseUrl + "/accounts");
        await page.FillAsync("#new-user", "clerk2");
        await page.FillAsync("#new-name", "钱科员");
        await page.Locator("label.checkbox", new() { HasText = "办公室工作人员" }).Locator("input").CheckAsync();
        await page.FillAsync("#new-password", "short");
        await page.ClickAsync("form.console-form button[type=submit]");
        // The bad field is named next to its input.
        await Assertions.Expect(page.Locator("[data-field=password]")).ToContainTextAsync("密码至少 10 个字符");
        await page.FillAsync("#new-password", "long-enough-1");
        await page.ClickAsync("form.console-form button[type=submit]");
        await Assertions.Expect(page.Locator("[data-account=clerk2]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-account=clerk2] [data-testid=account-unit]")).ToHaveTextAsync("无");
        // The operator disables and enables it again: each change is listed with who did it, and none shows a password.
        await page.Locator("[data-account=clerk2] button", new() { HasText = "停用" }).ClickAsync();
        await page.Locator("[data-account=clerk2] button", new() { HasText = "启用" }).ClickAsync();
        var changes = page.Locator("[data-testid=account-changes] tbody tr");
        await Assertions.Expect(changes).ToHaveCountAsync(4);
        await Assertions.Expect(changes.Nth(0)).ToContainTextAsync("启用");
        await Assertions.Expect(changes.Nth(1)).ToContainTextAsync("停用");
        await Assertions.Expect(changes.Nth(2)).ToContainTextAsync("新建账号");
        await Assertions.Expect(changes.Nth(2)).ToContainTextAsync("admin");
        await Assertions.Expect(changes.Nth(2)).ToContainTextAsync("账号 clerk2；单位 无；角色 办公室工作人员");
        // The first-run operator, created by the node itself.
        await Assertions.Expect(changes.Nth(3)).ToContainTextAsync("系统");
        Assert.DoesNotContain("long-enough-1", await page.Locator("[data-testid=account-changes]").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync("accounts");

        // The same changes are in the node's tamper-evident trail, chained by the sealer like any store's.
        await Eventually.GetAsync(async () =>
        {
            await using var store = _node.Services.GetRequiredService<Platform.BuildingBlocks.AuditTrail.AuditStores>().Open("console");
            var sealedChanges = await store.Entries.Where(e => e.Sequence != null && e.EntityType == "accounts" && e.UserId == "admin").CountAsync();
            return sealedChanges == 3 ? "sealed" : null;
        }, TimeSpan.FromSeconds(60), "the account changes sealed in the console's audit store");

        // The account's unit is chosen by name (ListUnits' query), and then listed by name, in the list and its change.
        var planning = new Platform.Contracts.Planning.V1.PlanningService.PlanningServiceClient(_node.KestrelChannel());
        var unit = await planning.CreateUnitAsync(new() { Name = "南通市崇川区审计局", ShortName = "崇川审计局", Kind = "department", RegionCode = "320602" },
            SliceScenario.Bearer(_node.Tokens.OfficeStaff()));
        await page.Locator("[data-account=clerk2] [data-testid=edit-roles]").ClickAsync();
        await page.FillAsync("[data-testid=edit-unit-query]", "崇川区审计");
        // Enter in the picker's box searches; it does not save the roles form the picker sits in.
        var changesBefore = await changes.CountAsync();
        await page.PressAsync("[data-testid=edit-unit-query]", "Enter");
        await Assertions.Expect(page.Locator("[data-testid=edit-unit-choice] option", new() { HasText = "南通市崇川区审计局" })).ToHaveCountAsync(1);
        Assert.Equal(changesBefore, await changes.CountAsync());
        await Assertions.Expect(page.Locator("[data-testid=save-roles]")).ToBeVisibleAsync();
        await page.SelectOptionAsync("[data-testid=edit-unit-choice]", unit.Id);
        await page.ClickAsync("[data-testid=save-roles]");
        await Assertions.Expect(page.Locator("[data-account=clerk2] [data-testid=account-unit]")).ToHaveTextAsync("南通市崇川区审计局");
        await Assertions.Expect(changes.Nth(0)).ToContainTextAsync("改为 单位 南通市崇川区审计局");

        var clerk = await _browser.NewPageAsync();
        await clerk.SignInAsync(_node.BaseUrl, "clerk2", "long-enough-1");
        await Assertions.Expect(clerk.Locator("[data-testid=office-home]")).ToBeVisibleAsync();
    }
}
