using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Platform.BuildingBlocks.Auth;
using Platform.Functional.Tests.Federation;
using Platform.Planning.Module.Infrastructure;
using Platform.Testing;
using PlanningV1 = Platform.Contracts.Planning.V1;

namespace Platform.Functional.Tests.Console;

/// <summary>
/// The hierarchy in Debian's chromium: a province node and one of its cities, each with its console, joined by their
/// operators through 级联节点; the province's clerk cascades a task, the city's clerk takes it on under 上级交办 and
/// assigns it, and the province's plan page and home show the city's figures once a unit reported.
/// </summary>
[Trait("Category", "Browser")]
public sealed class FederationPagesBrowserTests(ChromiumBrowser browser, FederationPagesBrowserTests.Hierarchy nodes)
    : IClassFixture<ChromiumBrowser>, IClassFixture<FederationPagesBrowserTests.Hierarchy>
{
    private const string Password = "correct-horse-9";

    /// <summary>Two consoles of one hierarchy: the province (320000) and the city (320600), not joined yet.</summary>
    public sealed class Hierarchy : IDisposable
    {
        public ConsoleNode Province { get; } = ConsoleNode.Federated("js-province", "Province", "320000");

        public ConsoleNode City { get; } = ConsoleNode.Federated("nt-city", "City", "320600");

        public void Dispose()
        {
            City.Dispose();
            Province.Dispose();
        }
    }

    [Fact]
    public async Task Operators_join_the_city_and_a_cascaded_task_is_taken_on_assigned_and_rolled_up_in_the_consoles()
    {
        var (province, city) = (nodes.Province, nodes.City);
        await province.CreateAccountAsync("province-clerk", "省办科员", null, Password, PlatformRoles.OfficeStaff);
        await city.CreateAccountAsync("city-clerk", "市办科员", null, Password, PlatformRoles.OfficeStaff);

        // The province's operator: a bad region code is named next to its box; a good one gives a code, shown once.
        var provinceOperator = await browser.NewPageAsync();
        await provinceOperator.SignInAsync(province.BaseUrl, "admin", ConsoleNode.OperatorPassword);
        await provinceOperator.GetByRole(AriaRole.Navigation, new() { Name = "主菜单" }).GetByRole(AriaRole.Link, new() { Name = "级联节点" }).ClickAsync();
        await provinceOperator.WaitForAddressAsync(province.BaseUrl + "/federation");
        await provinceOperator.WaitInteractiveAsync();
        await Assertions.Expect(provinceOperator.Locator("[data-testid=no-links]")).ToBeVisibleAsync();
        // A province is the top of the hierarchy: the page says so instead of offering to register with a parent.
        await Assertions.Expect(provinceOperator.Locator("[data-testid=no-parent]")).ToContainTextAsync("省级节点");
        await Assertions.Expect(provinceOperator.Locator("[data-testid=register]")).ToHaveCountAsync(0);
        await provinceOperator.FillAsync("[data-testid=child-region]", "3206");
        await provinceOperator.ClickAsync("[data-testid=create-code]");
        await Assertions.Expect(provinceOperator.Locator("[data-field=child_region_code]")).ToBeVisibleAsync();
        await provinceOperator.FillAsync("[data-testid=child-region]", "320600");
        await provinceOperator.ClickAsync("[data-testid=create-code]");
        await Assertions.Expect(provinceOperator.Locator("[data-testid=code]")).ToBeVisibleAsync();
        await Assertions.Expect(provinceOperator.Locator("[data-field=child_region_code]")).ToHaveCountAsync(0);
        var code = (await provinceOperator.Locator("[data-testid=code]").InnerTextAsync()).Trim();
        var thumbprint = (await provinceOperator.Locator("[data-testid=thumbprint]").InnerTextAsync()).Trim();

        // The city's operator registers with it; the link waits for the province's approval.
        var cityOperator = await browser.NewPageAsync();
        await cityOperator.SignInAsync(city.BaseUrl, "admin", ConsoleNode.OperatorPassword);
        await cityOperator.GoAsync(city.BaseUrl + "/federation");
        await cityOperator.FillAsync("[data-testid=parent-address]", province.FederationAddress);
        await cityOperator.FillAsync("[data-testid=enrolment-code-input]", code);
        await cityOperator.FillAsync("[data-testid=parent-thumbprint]", thumbprint);
        await cityOperator.ClickAsync("[data-testid=register]");
        await Assertions.Expect(cityOperator.Locator("tr[data-link='320000'][data-state=pending]")).ToBeVisibleAsync();

        await provinceOperator.GoAsync(province.BaseUrl + "/federation");
        await provinceOperator.ClickAsync("[data-testid=approve-320600]");
        await Assertions.Expect(provinceOperator.Locator("tr[data-link='320600'][data-state=active]")).ToBeVisibleAsync();
        await provinceOperator.ScreenshotAsync("federation-links");
        // The province's planning learns of the active child from its edge's event.
        await FederationFlow.Until(() => InPlanningAsync(province, db => db.ChildNodes.AnyAsync(c => c.NodeId == "nt-city" && c.State == "active")),
            "the province's planning to know the city");

        // The province's clerk cascades the first task only, asking for the units' reports.
        var provinceOffice = SliceScenario.Bearer(province.Tokens.OfficeStaff());
        var provincePlanning = new PlanningV1.PlanningService.PlanningServiceClient(province.KestrelChannel());
        var plan = await provincePlanning.CreatePlanAsync(new()
        {
            Title = "2026年全省法治政府建设工作要点", Year = 2026,
            Tasks = { new PlanningV1.NewTask { Title = "健全重大行政决策程序制度", Deadline = "2026-12-31" }, new PlanningV1.NewTask { Title = "推进严格规范公正文明执法", Deadline = "2026-12-31" } },
        }, provinceOffice);
        await provincePlanning.IssuePlanAsync(new() { PlanId = plan.Id }, provinceOffice);
        var provinceClerk = await browser.NewPageAsync();
        await provinceClerk.SignInAsync(province.BaseUrl, "province-clerk", Password);
        await provinceClerk.GoAsync($"{province.BaseUrl}/plans/{plan.Id}");
        await provinceClerk.CheckAsync("[data-testid=cascade-chosen-tasks]");
        await provinceClerk.ClickAsync("[data-testid=cascade]");
        // None chosen: said next to the task list, nothing sent.
        await Assertions.Expect(provinceClerk.Locator("[data-field=task_ids]")).ToBeVisibleAsync();
        await provinceClerk.CheckAsync("[data-testid=cascade-task-1]");
        await provinceClerk.CheckAsync("[data-testid=cascade-reports]");
        await provinceClerk.ClickAsync("[data-testid=cascade]");
        var sent = provinceClerk.Locator("[data-testid=cascades]");
        // Sent to every active child (the clerk names none): the city is the only one.
        await Assertions.Expect(sent.Locator("tr[data-task='1']")).ToContainTextAsync("全部已接入的下级节点");
        await Assertions.Expect(sent.Locator("tr[data-task='2']")).ToHaveCountAsync(0);

        // The city's clerk finds it under 上级交办, takes it on, and assigns it on the local plan.
        var cityOffice = SliceScenario.Bearer(city.Tokens.OfficeStaff());
        var cityPlanning = new PlanningV1.PlanningService.PlanningServiceClient(city.KestrelChannel());
        var unit = await cityPlanning.CreateUnitAsync(new() { Name = "南通市发展和改革委员会", ShortName = "市发改委", Kind = "department", RegionCode = "320600" }, cityOffice);
        await FederationFlow.Until(async () => (await cityPlanning.ListReceivedTasksAsync(new(), cityOffice)).Tasks.Count == 1, "the city to receive the task");
        var cityClerk = await browser.NewPageAsync();
        await cityClerk.SignInAsync(city.BaseUrl, "city-clerk", Password);
        await cityClerk.GetByRole(AriaRole.Navigation, new() { Name = "主菜单" }).GetByRole(AriaRole.Link, new() { Name = "上级交办" }).ClickAsync();
        await cityClerk.WaitForAddressAsync(city.BaseUrl + "/received");
        await cityClerk.WaitInteractiveAsync();
        var row = cityClerk.Locator("tr[data-status=received]");
        await Assertions.Expect(row).ToContainTextAsync("健全重大行政决策程序制度");
        await Assertions.Expect(row).ToContainTextAsync("上级要求上报各单位报送内容");
        await cityClerk.ClickAsync("[data-testid=accept-1]");
        await Assertions.Expect(cityClerk.Locator("tr[data-status=accepted] [data-testid=local-task-1]")).ToBeVisibleAsync();
        await cityClerk.ScreenshotAsync("received-tasks");
        await cityClerk.ClickAsync("[data-testid=local-task-1]");
        await cityClerk.WaitForAddressAsync(new System.Text.RegularExpressions.Regex("/plans/"));
        await cityClerk.WaitInteractiveAsync();
        await cityClerk.SelectOptionAsync("[data-testid=assign-unit-1]", new SelectOptionValue { Label = unit.Name });
        await cityClerk.ClickAsync("[data-testid=assign-1]");
        await Assertions.Expect(cityClerk.Locator("[data-testid=assignment]")).ToContainTextAsync(unit.Name);

        // A unit of the city reports; the province's plan page shows the city under its own units, from its own store.
        var liaison = SliceScenario.Bearer(city.Tokens.Liaison(Guid.Parse(unit.Id)));
        var assignment = (await cityPlanning.ListAssignmentsAsync(new(), liaison)).Assignments.Single();
        await cityPlanning.ReportProgressAsync(new() { AssignmentId = assignment.Id, Text = "已完成制度草案起草", Percent = 40 }, liaison);
        await FederationFlow.Until(async () => (await provincePlanning.GetPlanRollUpAsync(new() { PlanId = plan.Id }, provinceOffice)).Nodes
            .Any(n => n.NodeId == "nt-city" && n.UnitsReported == 1), "the city's report to roll up to the province");
        await provinceClerk.GoAsync($"{province.BaseUrl}/plans/{plan.Id}");
        var cityRow = provinceClerk.Locator("[data-testid=region-tree] tr[data-node='nt-city']");
        await Assertions.Expect(cityRow).ToContainTextAsync("0%（0/1）");
        await Assertions.Expect(cityRow.Locator("[data-testid=as-of]")).ToBeVisibleAsync();
        // Just came up: not stale.
        await Assertions.Expect(cityRow.Locator("[data-testid=stale]")).ToHaveCountAsync(0);
        await provinceClerk.ScreenshotAsync("plan-regions");
        await provinceClerk.GoAsync(province.BaseUrl + "/");
        await Assertions.Expect(provinceClerk.Locator("[data-testid=office-regions] tr[data-node='nt-city']")).ToBeVisibleAsync();

        // The province revises the cascaded task; the city's clerk sees what the revision changes and takes it on.
        var firstTask = plan.Tasks.Single(t => t.Number == 1);
        await provincePlanning.ReviseTaskAsync(new()
        {
            TaskId = firstTask.Id, Reason = "按省委依法治省办要求调整", Title = "健全重大行政决策程序制度并开展合法性审查", Deadline = "2026-11-30",
        }, provinceOffice);
        await FederationFlow.Until(async () => (await cityPlanning.ListReceivedTasksAsync(new() { Status = "revised" }, cityOffice)).Tasks.Count == 1,
            "the revision to reach the city");
        await cityClerk.GoAsync(city.BaseUrl + "/received");
        var revised = cityClerk.Locator("tr[data-status=revised]");
        var changes = revised.Locator("[data-testid=revision-changes]");
        await Assertions.Expect(changes).ToContainTextAsync("第 1 次修订");
        await Assertions.Expect(changes.Locator("del").First).ToHaveTextAsync("健全重大行政决策程序制度");
        await Assertions.Expect(changes.Locator("ins").First).ToHaveTextAsync("健全重大行政决策程序制度并开展合法性审查");
        await Assertions.Expect(changes).ToContainTextAsync("时限：");
        await Assertions.Expect(changes.Locator("ins").Nth(1)).ToContainTextAsync("11");
        Assert.False(await ScrollsSidewaysAsync(cityClerk), "上级交办 with a revision scrolls sideways at 1366 px");
        await cityClerk.ClickAsync("[data-testid=acknowledge-1]");
        await Assertions.Expect(cityClerk.Locator("[data-testid=received-message]")).ToContainTextAsync("已确认第 1 项任务的第 1 次修订");
        var acknowledged = cityClerk.Locator("tr[data-status=accepted]");
        await Assertions.Expect(acknowledged).ToContainTextAsync("健全重大行政决策程序制度并开展合法性审查");
        await Assertions.Expect(acknowledged.Locator("[data-testid=acknowledged-revision]")).ToHaveTextAsync("已按第 1 次修订执行");
        await Assertions.Expect(cityClerk.Locator("[data-testid=revision-changes]")).ToHaveCountAsync(0);
        await Assertions.Expect(cityClerk.Locator("[data-testid=acknowledge-1]")).ToHaveCountAsync(0);
        // The local task took the revision on.
        await cityClerk.ClickAsync("[data-testid=local-task-1]");
        await cityClerk.WaitForAddressAsync(new System.Text.RegularExpressions.Regex("/plans/"));
        await Assertions.Expect(cityClerk.Locator("body")).ToContainTextAsync("健全重大行政决策程序制度并开展合法性审查");

        // The new pages fit a 1366x768 office screen ...
        await provinceClerk.GoAsync($"{province.BaseUrl}/plans/{plan.Id}");
        await Assertions.Expect(provinceClerk.Locator("[data-testid=region-tree]")).ToBeVisibleAsync();
        await provinceClerk.CheckAsync("[data-testid=cascade-chosen-tasks]");
        await Assertions.Expect(provinceClerk.Locator("[data-testid=cascade-task-1]")).ToBeVisibleAsync();
        Assert.False(await ScrollsSidewaysAsync(provinceClerk), "the plan's region tree and cascade panel scroll sideways at 1366 px");
        await provinceOperator.GoAsync(province.BaseUrl + "/federation");
        await Assertions.Expect(provinceOperator.Locator("tr[data-link='320600']")).ToBeVisibleAsync();
        Assert.False(await ScrollsSidewaysAsync(provinceOperator), "级联节点 scrolls sideways at 1366 px");

        // ... and a phone's width.
        var phoneClerk = await browser.NewPageAsync(390, 844);
        await phoneClerk.SignInAsync(province.BaseUrl, "province-clerk", Password);
        await phoneClerk.GoAsync($"{province.BaseUrl}/plans/{plan.Id}");
        await Assertions.Expect(phoneClerk.Locator("[data-testid=region-tree]")).ToBeVisibleAsync();
        await phoneClerk.CheckAsync("[data-testid=cascade-chosen-tasks]");
        await phoneClerk.CheckAsync("[data-testid=cascade-task-2]");
        await phoneClerk.ClickAsync("[data-testid=cascade]");
        await Assertions.Expect(phoneClerk.Locator("[data-testid=cascades] tr[data-task='2']")).ToBeVisibleAsync();
        Assert.False(await ScrollsSidewaysAsync(phoneClerk), "the plan's region tree and cascade panel scroll sideways at 390 px");
        var phone = await browser.NewPageAsync(390, 844);
        await phone.SignInAsync(city.BaseUrl, "city-clerk", Password);
        await phone.GoAsync(city.BaseUrl + "/received");
        await Assertions.Expect(phone.Locator("tr[data-status=accepted]")).ToBeVisibleAsync();
        Assert.False(await ScrollsSidewaysAsync(phone), "上级交办 scrolls sideways at 390 px");
        var phoneOperator = await browser.NewPageAsync(390, 844);
        await phoneOperator.SignInAsync(province.BaseUrl, "admin", ConsoleNode.OperatorPassword);
        await phoneOperator.GoAsync(province.BaseUrl + "/federation");
        await Assertions.Expect(phoneOperator.Locator("tr[data-link='320600']")).ToBeVisibleAsync();
        Assert.False(await ScrollsSidewaysAsync(phoneOperator), "级联节点 scrolls sideways at 390 px");

        // The province's operator revokes the city's link: asked first, then the link shows revoked and offers nothing more.
        await provinceOperator.ClickAsync("[data-testid=revoke-320600]");
        await Assertions.Expect(provinceOperator.Locator("tr[data-link='320600'] [role=alert]")).ToContainTextAsync("确认撤销");
        await Assertions.Expect(provinceOperator.Locator("tr[data-link='320600'][data-state=active]")).ToBeVisibleAsync();
        await provinceOperator.ClickAsync("[data-testid=confirm-revoke-320600]");
        var revoked = provinceOperator.Locator("tr[data-link='320600'][data-state=revoked]");
        await Assertions.Expect(revoked).ToBeVisibleAsync();
        await Assertions.Expect(revoked).ToContainTextAsync("已撤销");
        await Assertions.Expect(provinceOperator.Locator("[data-testid=links-notice]")).ToContainTextAsync("已撤销 320600 的链路");
        await Assertions.Expect(revoked.Locator("[data-testid=revoke-320600]")).ToHaveCountAsync(0);
    }

    private static Task<bool> ScrollsSidewaysAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");

    private static async Task<T> InPlanningAsync<T>(ConsoleNode node, Func<PlanningDbContext, Task<T>> read)
    {
        await using var scope = node.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<PlanningDbContext>());
    }
}
