using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Platform.BuildingBlocks.Auth;
using Platform.Contracts.Events.Inspection;
using PlanningV1 = Platform.Contracts.Planning.V1;
using RectificationV1 = Platform.Contracts.Rectification.V1;

namespace Platform.Functional.Tests.Console;

/// <summary>
/// The console on a phone (390×844: no sideways scrolling, the menu usable) and by keyboard alone
/// (sign in and reach a rectification item with Tab and Enter, the focus visible at each step).
/// </summary>
[Trait("Category", "Browser")]
public sealed class PhoneAndKeyboardBrowserTests(ChromiumBrowser browser, ConsoleNode node)
    : IClassFixture<ChromiumBrowser>, IClassFixture<ConsoleNode>
{
    private const string Password = "correct-horse-9";

    /// <summary>A unit with a liaison, a clerk, and one finding of the unit fed back: its open rectification item.</summary>
    private async Task<(string Suffix, RectificationV1.RectificationItem Item)> ArrangeAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var office = SliceScenario.Bearer(node.Tokens.OfficeStaff());
        var planning = new PlanningV1.PlanningService.PlanningServiceClient(node.KestrelChannel());
        var unit = await planning.CreateUnitAsync(new() { Name = "崇川区交通运输局" + suffix, ShortName = "交通局" + suffix, Kind = "department", RegionCode = "320602" }, office);
        // A unit with a long full name, as real ones have: the ledger's and the inbox's unit selects list it.
        await planning.CreateUnitAsync(new() { Name = "南通市崇川区人民政府办公室（区政府外事办公室、区人民防空办公室、区地方金融监督管理局）" + suffix, ShortName = "区政府办" + suffix, Kind = "department", RegionCode = "320602" }, office);
        await node.CreateAccountAsync("clerk" + suffix, "王科员", null, Password, PlatformRoles.OfficeStaff);
        await node.CreateAccountAsync("liaison" + suffix, "钱联络员", Guid.Parse(unit.Id), Password, PlatformRoles.UnitLiaison);
        var finding = new FedBackFinding(Guid.CreateVersion7(), "交通执法自由裁量权行使不规范", "交通执法自由裁量权行使不规范，同案不同罚。", "崇川区", "行政执法", "general");
        await node.Services.GetRequiredService<IBus>().Publish(new FeedbackGiven(Guid.CreateVersion7(), Guid.CreateVersion7(), "2026年交通运输执法专项督察", "special_topic",
            Guid.Parse(unit.Id), unit.Name, [finding], "inspector-wang", DateTimeOffset.UtcNow, EmbeddedNodeFactory.NodeId)
        { UnitRegionCode = "320602" });
        var rectification = new RectificationV1.RectificationService.RectificationServiceClient(node.KestrelChannel());
        var item = await Eventually.GetAsync(async () =>
            (await rectification.ListItemsAsync(new() { UnitId = unit.Id }, office)).Items.FirstOrDefault(),
            TimeSpan.FromSeconds(60), "the finding's rectification item");
        return (suffix, item);
    }

    private static Task<bool> ScrollsSidewaysAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");

    /// <summary>Any select that reaches past the right edge of the filter bar it sits in.</summary>
    private static Task<bool> SelectRunsPastItsPanelAsync(IPage page) =>
        page.EvaluateAsync<bool>("""
            () => [...document.querySelectorAll('.filter-bar select')].some(s =>
                s.getBoundingClientRect().right > s.closest('.filter-bar').getBoundingClientRect().right + 0.5)
            """);

    [Fact]
    public async Task On_a_phone_home_and_the_ledger_fit_the_screen_and_the_menu_leads_to_the_ledger()
    {
        var (suffix, item) = await ArrangeAsync();
        var url = node.BaseUrl;

        foreach (var user in new[] { "clerk" + suffix, "liaison" + suffix })
        {
            var phone = await browser.NewPageAsync(390, 844);
            await phone.SignInAsync(url, user, Password);
            Assert.False(await ScrollsSidewaysAsync(phone), user + ": the home page scrolls sideways at 390 px");
            var menu = phone.GetByRole(AriaRole.Navigation, new() { Name = "主菜单" });
            var ledgerLink = menu.GetByRole(AriaRole.Link, new() { Name = "整改台账" });
            await Assertions.Expect(ledgerLink).ToBeInViewportAsync();
            await ledgerLink.TapAsync();
            await phone.WaitForAddressAsync(url + "/rectification");
            await phone.WaitInteractiveAsync();
            await Assertions.Expect(phone.Locator($"[data-item='{item.Id}']")).ToBeVisibleAsync();
            Assert.False(await ScrollsSidewaysAsync(phone), user + ": the ledger scrolls sideways at 390 px");
            if (user.StartsWith("clerk", StringComparison.Ordinal))
            {
                await Assertions.Expect(phone.Locator("[data-testid=filter-unit]")).ToBeVisibleAsync();
                Assert.False(await SelectRunsPastItsPanelAsync(phone), "the ledger's 单位 select runs past its panel at 390 px");
                await phone.ScreenshotAsync("phone-ledger");
                await phone.GoAsync(url + "/inbox");
                await Assertions.Expect(phone.Locator("[data-testid=inbox-unit]")).ToBeVisibleAsync();
                Assert.False(await ScrollsSidewaysAsync(phone), "the inbox scrolls sideways at 390 px");
                Assert.False(await SelectRunsPastItsPanelAsync(phone), "the inbox's unit select runs past its panel at 390 px");
                await phone.GoAsync(url + "/");
                await Assertions.Expect(phone.Locator("[data-testid=severity-bars]")).ToBeVisibleAsync();
                await phone.ScreenshotAsync("phone-home");
            }
        }
    }

    [Fact]
    public async Task A_liaison_signs_in_and_reaches_the_item_with_tab_and_enter_only_and_sees_where_the_focus_is()
    {
        var (suffix, item) = await ArrangeAsync();
        var url = node.BaseUrl;
        var page = await browser.NewPageAsync();

        await page.GotoAsync(url + "/signin");
        await TabToAsync(page, "#username");
        await page.Keyboard.TypeAsync("liaison" + suffix);
        await TabToAsync(page, "#password");
        await page.Keyboard.TypeAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForAddressAsync(url + "/");
        await page.WaitInteractiveAsync();

        await TabToAsync(page, "nav a[href='/rectification']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForAddressAsync(url + "/rectification");
        var itemLink = page.Locator($"[data-item='{item.Id}'] [data-testid=item-link]");
        await Assertions.Expect(itemLink).ToBeVisibleAsync();
        await TabToAsync(page, $"[data-item='{item.Id}'] [data-testid=item-link]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForAddressAsync($"{url}/rectification/{item.Id}");
        await Assertions.Expect(page.Locator("[data-testid=plan-measures]")).ToBeVisibleAsync();
        // The task on the item: the plan's first box, reached by Tab as well.
        await TabToAsync(page, "[data-testid=plan-measures]");
        await page.ScreenshotAsync("keyboard-focus");
    }

    /// <summary>
    /// Presses Tab until the element matching <paramref name="selector"/> has the focus (at most 60
    /// times), and checks that the focused element shows a focus ring (a visible outline).
    /// </summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var presses = 0; presses < 60; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<bool>("s => document.activeElement !== null && document.activeElement.matches(s)", selector);
            if (focused)
            {
                var outline = await page.EvaluateAsync<string>("() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; }");
                Assert.False(outline.StartsWith("none", StringComparison.Ordinal) || outline.EndsWith(" 0px", StringComparison.Ordinal),
                    $"{selector} has the focus but shows no focus ring ({outline})");
                return;
            }
        }
        Assert.Fail($"{selector} was not reached with 60 presses of Tab");
    }
}
