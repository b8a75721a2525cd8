using System.Text;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Platform.BuildingBlocks.Auth;
using Platform.Contracts.Events.Inspection;
using Platform.Testing;
using PlanningV1 = Platform.Contracts.Planning.V1;
using RectificationV1 = Platform.Contracts.Rectification.V1;

namespace Platform.Functional.Tests.Console;

/// <summary>
/// The case pages in Debian's chromium, across the office's clerk and a unit's liaison: a
/// rectification item's whole life, a bulletin with its read receipt; a liaison of another unit
/// sees none of it. One node for the class (each test has its own units and accounts).
/// </summary>
[Trait("Category", "Browser")]
public sealed class CasePagesBrowserTests(ChromiumBrowser browser, ConsoleNode node)
    : IClassFixture<ChromiumBrowser>, IClassFixture<ConsoleNode>
{
    private const string Password = "correct-horse-9";

    private static string InDays(int days) => DateTime.Today.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Two units with a liaison each (housing<c>suffix</c>, justice<c>suffix</c>) and a clerk (clerk<c>suffix</c>).</summary>
    private async Task<(string Suffix, PlanningV1.Unit Housing, PlanningV1.Unit Other)> ArrangePeopleAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var planning = new PlanningV1.PlanningService.PlanningServiceClient(node.KestrelChannel());
        var office = SliceScenario.Bearer(node.Tokens.OfficeStaff());
        var housing = await planning.CreateUnitAsync(new() { Name = "崇川区住建局" + suffix, ShortName = "住建局" + suffix, Kind = "department", RegionCode = "320602" }, office);
        var other = await planning.CreateUnitAsync(new() { Name = "崇川区司法局" + suffix, ShortName = "司法局" + suffix, Kind = "department", RegionCode = "320602" }, office);
        await node.CreateAccountAsync("clerk" + suffix, "王科员", null, Password, PlatformRoles.OfficeStaff);
        await node.CreateAccountAsync("housing" + suffix, "李联络员", Guid.Parse(housing.Id), Password, PlatformRoles.UnitLiaison);
        await node.CreateAccountAsync("justice" + suffix, "赵联络员", Guid.Parse(other.Id), Password, PlatformRoles.UnitLiaison);
        return (suffix, housing, other);
    }

    /// <summary>The people, and one finding of the first unit fed back by inspection.</summary>
    private async Task<(string Suffix, RectificationV1.RectificationItem Item)> ArrangeAsync()
    {
        var (suffix, housing, _) = await ArrangePeopleAsync();
        var office = SliceScenario.Bearer(node.Tokens.OfficeStaff());

        var finding = new FedBackFinding(Guid.CreateVersion7(), "违法建设查处不力", "违法建设查处不力，未按规定整改到位。", "崇川区", "城市管理", "serious");
        var feedback = new FeedbackGiven(Guid.CreateVersion7(), Guid.CreateVersion7(), "2026年法治政府建设专项督察", "special_topic",
            Guid.Parse(housing.Id), housing.Name, [finding], "inspector-wang", DateTimeOffset.UtcNow, EmbeddedNodeFactory.NodeId)
        { UnitRegionCode = "320602", MissionTeam = ["inspector-li"] };
        await node.Services.GetRequiredService<IBus>().Publish(feedback);

        // The look-back mission the office records its re-check under.
        var inspection = new Platform.Contracts.Inspection.V1.InspectionService.InspectionServiceClient(node.KestrelChannel());
        await inspection.CreateMissionAsync(new()
        {
            Title = "2026年整改落实情况“回头看”" + suffix, Kind = "look_back", Year = 2026, PlanEntry = "2026年度督察计划第5项",
            FocusItems = { "反馈问题整改落实情况" }, Methods = { "file_checks" }, StartsOn = InDays(1), EndsOn = InDays(30),
            Targets = { new Platform.Contracts.Inspection.V1.MissionTarget { UnitId = housing.Id, UnitName = housing.Name, RegionCode = "320602" } },
        }, office);

        var rectification = new RectificationV1.RectificationService.RectificationServiceClient(node.KestrelChannel());
        var item = await Eventually.GetAsync(async () =>
            (await rectification.ListItemsAsync(new() { UnitId = housing.Id }, office)).Items.FirstOrDefault(),
            TimeSpan.FromSeconds(60), "the finding's rectification item");
        return (suffix, item);
    }

    [Fact]
    public async Task An_item_goes_from_feedback_through_plan_extension_send_back_escalation_and_verification_to_look_back()
    {
        var (suffix, item) = await ArrangeAsync();
        var url = node.BaseUrl;
        var itemUrl = $"{url}/rectification/{item.Id}";

        // The clerk finds the item in the ledger by severity, and names the person responsible.
        var clerk = await browser.NewPageAsync();
        await clerk.SignInAsync(url, "clerk" + suffix, Password);
        // Home counts the open item by its severity (this class's only item).
        await Assertions.Expect(clerk.Locator("[data-testid=severity-bars] [data-severity=serious] td").Nth(1)).ToHaveTextAsync("1");
        await clerk.GoAsync(url + "/rectification");
        await clerk.SelectOptionAsync("[data-testid=filter-severity]", new SelectOptionValue { Label = "严重" });
        await clerk.ClickAsync("[data-testid=filter-apply]");
        await Assertions.Expect(clerk.Locator("[data-testid=no-items]")).ToBeVisibleAsync();
        await clerk.SelectOptionAsync("[data-testid=filter-severity]", new SelectOptionValue { Label = "较重" });
        await clerk.ClickAsync("[data-testid=filter-apply]");
        var row = clerk.Locator($"[data-item='{item.Id}']");
        await Assertions.Expect(row).ToContainTextAsync("违法建设查处不力");
        await Assertions.Expect(row).ToContainTextAsync("待报整改方案");
        await clerk.ScreenshotAsync("rectification-ledger");
        await row.Locator("[data-testid=item-link]").ClickAsync();
        await clerk.WaitForAddressAsync(itemUrl);
        await clerk.WaitInteractiveAsync();
        await clerk.FillAsync("[data-testid=assign-person]", "张副局长");
        await clerk.ClickAsync("[data-testid=assign-submit]");
        await Assertions.Expect(clerk.Locator("[data-testid=item-responsible]")).ToHaveTextAsync("张副局长");

        // The unit's liaison: a plan without measures is refused next to the box; then the plan, and an extension request.
        var liaison = await browser.NewPageAsync();
        await liaison.SignInAsync(url, "housing" + suffix, Password);
        await Assertions.Expect(liaison.Locator("[data-testid=overdue-items]")).ToHaveTextAsync("0");
        await liaison.GoAsync(url + "/rectification");
        await liaison.Locator($"[data-item='{item.Id}'] [data-testid=item-link]").ClickAsync();
        await liaison.WaitForAddressAsync(itemUrl);
        await liaison.WaitInteractiveAsync();
        await liaison.ClickAsync("[data-testid=plan-submit]");
        await Assertions.Expect(liaison.Locator("[data-field=measures]")).ToBeVisibleAsync();
        await liaison.FillAsync("[data-testid=plan-measures]", "开展违法建设专项整治\n建立巡查台账");
        await liaison.FillAsync("[data-testid=plan-milestones]", $"{InDays(20)} 完成存量违建拆除");
        await liaison.ClickAsync("[data-testid=plan-submit]");
        await Assertions.Expect(liaison.Locator("[data-testid=item-state]")).ToHaveTextAsync("方案已报");
        await Assertions.Expect(liaison.Locator("[data-testid=item-plan]")).ToContainTextAsync("建立巡查台账");
        await liaison.ScreenshotAsync("rectification-unit");
        await liaison.FillAsync("[data-testid=extension-date]", InDays(90));
        await liaison.FillAsync("[data-testid=extension-reason]", "涉及多个部门协同，需延期");
        await liaison.ClickAsync("[data-testid=extension-submit]");
        await Assertions.Expect(liaison.Locator("[data-testid=extension-status]")).ToHaveTextAsync("待审批");

        // The clerk approves the extension: the deadline moves and the original one is kept beside it.
        await clerk.GoAsync(itemUrl);
        await clerk.ClickAsync("[data-testid=extension-approve]");
        await Assertions.Expect(clerk.Locator("[data-testid=extension-status]")).ToHaveTextAsync("已同意");
        await Assertions.Expect(clerk.Locator("[data-testid=item-deadline]")).ToContainTextAsync("原定");

        // The liaison reports completion with an evidence file.
        await liaison.GoAsync(itemUrl);
        await ReportCompletionAsync(liaison, "已拆除违建12处。", "整改报告.txt");
        await Assertions.Expect(liaison.Locator("[data-testid=item-state]")).ToHaveTextAsync("待验收");

        // The clerk sends it back, then climbs the ladder two steps: the urge notice's .docx is downloadable.
        await clerk.GoAsync(itemUrl);
        await clerk.FillAsync("[data-testid=sendback-reason]", "佐证材料不全，缺少现场照片");
        await clerk.ClickAsync("[data-testid=sendback-submit]");
        await Assertions.Expect(clerk.Locator("[data-testid=item-state]")).ToHaveTextAsync("整改中");
        foreach (var step in new[] { "提醒", "催办" })
        {
            await Assertions.Expect(clerk.Locator("[data-testid=escalate-submit]")).ToHaveTextAsync(step);
            await clerk.FillAsync("[data-testid=escalate-reason]", "整改进度滞后");
            await clerk.ClickAsync("[data-testid=escalate-submit]");
            await Assertions.Expect(clerk.Locator("[data-testid=item-escalation]")).ToContainTextAsync(step);
        }
        // The letter is issued by notification after the escalation's event: reload until it is listed.
        await Eventually.GetAsync(async () =>
        {
            await clerk.GoAsync(itemUrl);
            return await clerk.Locator("[data-testid=letter]").CountAsync() > 0 ? "listed" : null;
        }, TimeSpan.FromSeconds(60), "the urge notice on the item's page");
        var letter = await clerk.DownloadAsync(clerk.Locator("[data-testid=letter]").First);
        Assert.True(letter.Name.EndsWith(".docx", StringComparison.Ordinal), letter.Name + ": " + Encoding.UTF8.GetString(letter.Content));
        Assert.Equal("PK"u8.ToArray(), letter.Content[..2]);
        await clerk.ScreenshotAsync("rectification-item");

        // The liaison sees the letter too, downloads its own evidence, and reports completion again; the clerk verifies.
        await liaison.GoAsync(itemUrl);
        await Assertions.Expect(liaison.Locator("[data-testid=letter]")).ToHaveCountAsync(1);
        var evidence = await liaison.DownloadAsync(liaison.Locator("[data-testid=evidence-file]").First);
        Assert.Equal(("整改报告.txt", "已拆除违建12处。"), (evidence.Name, Encoding.UTF8.GetString(evidence.Content)));
        await ReportCompletionAsync(liaison, "已补充现场照片。", "现场照片说明.txt");
        await Assertions.Expect(liaison.Locator("[data-testid=item-state]")).ToHaveTextAsync("待验收");

        await clerk.GoAsync(itemUrl);
        await clerk.FillAsync("[data-testid=verify-note]", "整改到位，同意销号");
        await clerk.ClickAsync("[data-testid=verify-submit]");
        await Assertions.Expect(clerk.Locator("[data-testid=item-state]")).ToHaveTextAsync("已销号");
        await clerk.SelectOptionAsync("[data-testid=lookback-mission]", new SelectOptionValue { Label = "2026年整改落实情况“回头看”" + suffix });
        await clerk.FillAsync("[data-testid=lookback-note]", "回头看未发现反弹");
        await clerk.ClickAsync("[data-testid=lookback-submit]");
        await Assertions.Expect(clerk.Locator("[data-testid=item-history]")).ToContainTextAsync("回头看通过");
        var history = await clerk.Locator("[data-testid=item-history]").InnerTextAsync();
        foreach (var step in new[] { "反馈立项", "明确责任人", "报送整改方案", "申请延期", "同意延期", "报送整改完成", "退回重改", "升级督办", "验收销号" })
        {
            Assert.Contains(step, history, StringComparison.Ordinal);
        }

        // A liaison of another unit sees none of it: not in the ledger, not by address, not its files.
        var other = await browser.NewPageAsync();
        await other.SignInAsync(url, "justice" + suffix, Password);
        await other.GoAsync(url + "/rectification");
        await Assertions.Expect(other.Locator("[data-testid=no-items]")).ToBeVisibleAsync();
        await other.GoAsync(itemUrl);
        await Assertions.Expect(other.Locator(".problem-banner")).ToContainTextAsync("未找到");
        Assert.Equal(0, await other.Locator("[data-testid=item]").CountAsync());
        var evidenceLink = await liaison.Locator("[data-testid=evidence-file]").First.GetAttributeAsync("href");
        var refused = await other.APIRequest.GetAsync(url + evidenceLink);
        Assert.Equal(404, refused.Status);
    }

    [Fact]
    public async Task A_bulletin_reaches_the_units_inbox_the_liaison_reads_it_and_the_office_sees_the_receipt()
    {
        var (suffix, housing, _) = await ArrangePeopleAsync();
        var url = node.BaseUrl;
        var title = "关于2026年第三季度依法行政工作情况的通报" + suffix;

        var clerk = await browser.NewPageAsync();
        await clerk.SignInAsync(url, "clerk" + suffix, Password);
        await clerk.GoAsync(url + "/bulletins");
        // Nothing chosen: the API names the missing units next to the choice.
        await clerk.FillAsync("[data-testid=bulletin-title]", title);
        await clerk.FillAsync("[data-testid=bulletin-body]", "各单位：第三季度依法行政工作总体平稳，请对照问题清单抓好落实。");
        await clerk.ClickAsync("[data-testid=bulletin-send]");
        await Assertions.Expect(clerk.Locator("[data-field=unit_ids]")).ToBeVisibleAsync();
        await clerk.Locator($"[data-unit-choice='{housing.Name}']").CheckAsync();
        await clerk.ClickAsync("[data-testid=bulletin-send]");
        await Assertions.Expect(clerk.Locator("[data-testid=fan-out-counts]")).ToContainTextAsync("已送达 1 份");
        var row = clerk.Locator($"[data-testid=delivery] [data-unit='{housing.Name}']");
        await Assertions.Expect(row).ToContainTextAsync("已送达");
        await Assertions.Expect(row.Locator("[data-testid=delivery-read]")).ToHaveTextAsync("未读");

        // The liaison: the layout counts the unread message; marking it read clears the count.
        var liaison = await browser.NewPageAsync();
        await liaison.SignInAsync(url, "housing" + suffix, Password);
        await Assertions.Expect(liaison.Locator("[data-testid=unread-count]")).ToHaveTextAsync("1");
        await liaison.ClickAsync("[data-testid=inbox-link]");
        var message = liaison.Locator("[data-testid=message]", new() { HasText = title });
        await Assertions.Expect(message.Locator("[data-testid=message-unread]")).ToBeVisibleAsync();
        await liaison.ScreenshotAsync("inbox");
        await message.Locator("[data-testid=mark-read]").ClickAsync();
        await Assertions.Expect(message.Locator("[data-testid=message-read]")).ToBeVisibleAsync();
        await Assertions.Expect(liaison.Locator("[data-testid=unread-count]")).ToHaveCountAsync(0);

        // The office sees who read it, on the bulletin's delivery and in the unit's inbox.
        await clerk.ClickAsync("[data-testid=delivery-refresh]");
        await Assertions.Expect(row.Locator("[data-testid=delivery-read]")).ToHaveTextAsync("已读：李联络员");
        await clerk.ScreenshotAsync("bulletin-delivery");
        await clerk.GoAsync(url + "/inbox");
        await clerk.SelectOptionAsync("[data-testid=inbox-unit]", new SelectOptionValue { Label = housing.Name });
        await clerk.ClickAsync("[data-testid=inbox-apply]");
        var sent = clerk.Locator("[data-testid=message]", new() { HasText = title });
        await sent.Locator("[data-testid=show-receipts]").ClickAsync();
        await Assertions.Expect(sent.Locator("[data-testid=receipts]")).ToContainTextAsync("李联络员");
        var document = await clerk.DownloadAsync(sent.Locator("[data-testid=message-document]"));
        Assert.Equal("PK"u8.ToArray(), document.Content[..2]);

        // A liaison of another unit has no such message.
        var other = await browser.NewPageAsync();
        await other.SignInAsync(url, "justice" + suffix, Password);
        await other.GoAsync(url + "/inbox");
        await Assertions.Expect(other.Locator("[data-testid=no-messages]")).ToBeVisibleAsync();
        Assert.Equal(0, await other.Locator("[data-testid=unread-count]").CountAsync());
    }

    private static async Task ReportCompletionAsync(IPage page, string text, string fileName)
    {
        await page.FillAsync("[data-testid=completion-summary]", text);
        await page.Locator("[data-testid=completion-files]").PickFilesAsync(new FilePayload
        {
            Name = fileName, MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes(text),
        });
        // The file is read over the circuit; submit once the page shows it picked.
        await Assertions.Expect(page.Locator("[data-testid=picked-files]").Last).ToContainTextAsync(fileName);
        await page.ClickAsync("[data-testid=completion-submit]");
    }
}
