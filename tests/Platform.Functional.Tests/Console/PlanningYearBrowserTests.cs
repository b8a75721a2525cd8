using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using Platform.BuildingBlocks.Auth;
using Platform.Testing;
using Platform.WebConsole;
using InspectionV1 = Platform.Contracts.Inspection.V1;
using PlanningV1 = Platform.Contracts.Planning.V1;

namespace Platform.Functional.Tests.Console;

/// <summary>
/// The planning year on a fresh node without a terminal, in Debian's chromium: the office keeps its units, settles the
/// units an imported notice names, edits the draft and downloads the plan; a liaison returns one task and asks for more
/// time on another, the office decides and reads the unit's report with its file; the office keeps the inspector pool.
/// </summary>
[Trait("Category", "Browser")]
public sealed class PlanningYearBrowserTests(ChromiumBrowser browser, ConsoleNode node)
    : IClassFixture<ChromiumBrowser>, IClassFixture<ConsoleNode>
{
    private const string Password = "correct-horse-9";

    private static string InDays(int days) =>
        DateOnly.FromDateTime(DateTime.Today.AddDays(days)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private PlanningV1.PlanningService.PlanningServiceClient Planning => new(node.KestrelChannel());

    private Grpc.Core.Metadata Office => SliceScenario.Bearer(node.Tokens.OfficeStaff());

    private async Task<IPage> SignInClerkAsync(string suffix)
    {
        await node.CreateAccountAsync("clerk" + suffix, "王科员", null, Password, PlatformRoles.OfficeStaff);
        var clerk = await browser.NewPageAsync();
        await clerk.SignInAsync(node.BaseUrl, "clerk" + suffix, Password);
        return clerk;
    }

    [Fact]
    public async Task The_office_creates_a_unit_imports_units_from_a_file_and_filters_the_list()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var clerk = await SignInClerkAsync(suffix);
        await clerk.GoAsync(node.BaseUrl + "/units");

        // An empty form: each missing field is named next to its input.
        await clerk.ClickAsync("[data-testid=unit-submit]");
        var form = clerk.Locator("[data-testid=unit-create]");
        await Assertions.Expect(form.Locator("[data-field=name]")).ToBeVisibleAsync();
        await Assertions.Expect(form.Locator("[data-field=kind]")).ToBeVisibleAsync();
        await Assertions.Expect(form.Locator("[data-field=region_code]")).ToBeVisibleAsync();
        await clerk.FillAsync("[data-testid=unit-name]", "海门区司法局" + suffix);
        await clerk.SelectOptionAsync("[data-testid=unit-kind]", new SelectOptionValue { Label = "部门" });
        await clerk.FillAsync("[data-testid=unit-region]", "32068");
        await clerk.ClickAsync("[data-testid=unit-submit]");
        await Assertions.Expect(form.Locator("[data-field=region_code]")).ToContainTextAsync("6 位行政区划代码");
        // The refused call kept the rest of the form.
        await Assertions.Expect(clerk.Locator("[data-testid=unit-name]")).ToHaveValueAsync("海门区司法局" + suffix);
        await clerk.FillAsync("[data-testid=unit-region]", "320684");
        await clerk.ClickAsync("[data-testid=unit-submit]");
        await Assertions.Expect(clerk.Locator("[data-testid=unit-created]")).ToContainTextAsync("海门区司法局" + suffix);

        // A CSV as Excel saves it: one good row, one without its region code, refused by its line.
        var csv = "名称,简称,类型,行政区划代码\r\n"
            + $"海门区人民政府{suffix},海门区,政府,320684\r\n"
            + $"启东市人民政府{suffix},启东市,政府,\r\n";
        await clerk.Locator("[data-testid=unit-file]").PickFilesAsync(new FilePayload
        {
            Name = "单位.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await Assertions.Expect(clerk.Locator("[data-testid=picked-files]")).ToContainTextAsync("单位.csv");
        await clerk.ClickAsync("[data-testid=unit-import-submit]");
        var imported = clerk.Locator("[data-testid=unit-import-result]");
        await Assertions.Expect(imported).ToContainTextAsync("新增 1 个单位");
        await Assertions.Expect(imported.Locator("[data-testid=unit-import-problems]")).ToContainTextAsync("第 3 行");
        await Assertions.Expect(imported.Locator("[data-testid=unit-import-problems]")).ToContainTextAsync("region_code");

        // The list on the server: by name, by the city's region code (its districts' units too), by kind.
        await clerk.FillAsync("[data-testid=filter-query]", suffix);
        await clerk.FillAsync("[data-testid=filter-region]", "320600");
        await clerk.ClickAsync("[data-testid=filter-apply]");
        var rows = clerk.Locator("[data-testid=units] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await clerk.SelectOptionAsync("[data-testid=filter-kind]", new SelectOptionValue { Label = "政府" });
        await clerk.ClickAsync("[data-testid=filter-apply]");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToContainTextAsync("海门区人民政府" + suffix);
        await clerk.ScreenshotAsync("units");
        await clerk.FillAsync("[data-testid=filter-region]", "510100");
        await clerk.ClickAsync("[data-testid=filter-apply]");
        await Assertions.Expect(clerk.Locator("[data-testid=no-units]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_office_settles_the_units_a_notice_names_edits_the_draft_issues_it_and_downloads_the_workbook()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        // Names without the suffix: the notice's parser reads them as a clerk would (no other test here names a 成都 unit).
        var audit = await Planning.CreateUnitAsync(new() { Name = "成都市审计局", ShortName = "市审计局", Kind = "department", RegionCode = "510100" }, Office);
        var clerk = await SignInClerkAsync(suffix);
        const string unknownLead = "市计委";
        const string oldName = "市审计办";
        var notice =
            "(二)深化行政体制改革\n" +
            $"1.规范政府投资行为,实行政府投资项目公示制度。(牵头单位:{unknownLead})\n" +
            $"2.开展政府投资项目审计,年内审计项目21个以上。(牵头单位:{oldName})";

        await clerk.GoAsync(node.BaseUrl + "/plans/import");
        await clerk.FillAsync("#text", notice);
        await clerk.FillAsync("#title", "成都市依法行政工作要点" + suffix);
        await clerk.ClickAsync("form.console-form button[type=submit]");
        var proposals = clerk.Locator("[data-testid=proposal]");
        await Assertions.Expect(proposals).ToHaveCountAsync(2);

        // Create the unit the notice names: without a kind it is refused next to the kind.
        var unknown = clerk.Locator($"[data-testid=proposal][data-alias='{unknownLead}']");
        await unknown.Locator("[data-testid=proposal-name]").FillAsync("成都市计划委员会");
        await unknown.Locator("[data-testid=proposal-region]").FillAsync("510100");
        await unknown.Locator("[data-testid=proposal-create]").ClickAsync();
        await Assertions.Expect(unknown.Locator("[data-field='create.kind']")).ToBeVisibleAsync();
        await unknown.Locator("[data-testid=proposal-kind]").SelectOptionAsync(new SelectOptionValue { Label = "部门" });
        await unknown.Locator("[data-testid=proposal-create]").ClickAsync();
        await Assertions.Expect(proposals).ToHaveCountAsync(1);
        await Assertions.Expect(clerk.Locator("[data-testid=import-result] [data-task='1']")).ToContainTextAsync("成都市计划委员会");

        // Map the old name to the existing unit.
        var old = clerk.Locator($"[data-testid=proposal][data-alias='{oldName}']");
        await old.Locator("[data-testid=proposal-unit]").SelectOptionAsync(new SelectOptionValue { Label = audit.Name });
        await old.Locator("[data-testid=proposal-map]").ClickAsync();
        await Assertions.Expect(clerk.Locator("[data-testid=no-proposals]")).ToBeVisibleAsync();
        await Assertions.Expect(clerk.Locator("[data-testid=import-result] [data-task='2']")).ToContainTextAsync(audit.Name);
        await clerk.ScreenshotAsync("plan-import-units");

        // The draft: task 1's text and deadline change before issue; an empty text is refused next to it.
        await clerk.ClickAsync("[data-testid=open-draft]");
        await clerk.WaitInteractiveAsync();
        await clerk.ClickAsync("[data-testid=edit-1]");
        await clerk.FillAsync("[data-testid=edit-title]", "");
        await clerk.ClickAsync("[data-testid=edit-save]");
        await Assertions.Expect(clerk.Locator("[data-testid=task-edit] [data-field=title]")).ToBeVisibleAsync();
        var deadline = InDays(60);
        await clerk.FillAsync("[data-testid=edit-title]", "规范政府投资行为,全面实行政府投资项目公示制度。");
        await clerk.FillAsync("[data-testid=edit-deadline]", deadline);
        await clerk.ClickAsync("[data-testid=edit-save]");
        var task = clerk.Locator("[data-task='1']");
        await Assertions.Expect(task).ToContainTextAsync("全面实行政府投资项目公示制度");
        await Assertions.Expect(task).ToContainTextAsync(ChinaTime.Date(deadline));

        await clerk.ClickAsync("[data-testid=issue]");
        await Assertions.Expect(clerk.Locator("[data-testid=plan-status]")).ToHaveTextAsync("已下达");
        var (name, content) = await clerk.DownloadAsync(clerk.Locator("[data-testid=plan-export]"));
        Assert.EndsWith(".xlsx", name, StringComparison.Ordinal);
        Assert.Equal("PK"u8.ToArray(), content[..2]);
    }

    [Fact]
    public async Task The_office_types_a_plan_in_by_hand_and_each_missing_field_is_named_next_to_its_input()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var clerk = await SignInClerkAsync(suffix);
        await clerk.ClickAsync("[data-testid=plan-new-link]");
        await clerk.WaitForAddressAsync(node.BaseUrl + "/plans/new");
        await clerk.WaitInteractiveAsync();
        await clerk.ClickAsync("[data-testid=task-add]");
        await clerk.ClickAsync("[data-testid=plan-submit]");
        var form = clerk.Locator("[data-testid=plan-new]");
        await Assertions.Expect(form.Locator("[data-field=title]")).ToBeVisibleAsync();
        await Assertions.Expect(form.Locator("[data-field='tasks[1].title']")).ToBeVisibleAsync();
        await Assertions.Expect(form.Locator("[data-field='tasks[1].deadline']")).ToBeVisibleAsync();

        await clerk.FillAsync("[data-testid=plan-title]", "海门区法治政府建设工作要点" + suffix);
        var rows = clerk.Locator("[data-testid=new-task]");
        await rows.Nth(0).Locator("[data-testid=task-title]").FillAsync("修订行政执法公示办法");
        await rows.Nth(0).Locator("[data-testid=task-deadline]").FillAsync(InDays(90));
        await rows.Nth(1).Locator("[data-testid=task-title]").FillAsync("按季度报送法治政府建设进展");
        await rows.Nth(1).Locator("[data-testid=task-rule]").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await rows.Nth(1).Locator("[data-testid=task-rule-start]").FillAsync(InDays(0));
        await clerk.ClickAsync("[data-testid=plan-submit]");
        await clerk.WaitForAddressAsync(new System.Text.RegularExpressions.Regex("/plans/[0-9a-f-]{36}$"));
        await clerk.WaitInteractiveAsync();
        await Assertions.Expect(clerk.Locator("[data-testid=plan-status]")).ToHaveTextAsync("草稿");
        await Assertions.Expect(clerk.Locator("[data-task='1']")).ToContainTextAsync(ChinaTime.Date(InDays(90)));
        await Assertions.Expect(clerk.Locator("[data-task='2']")).ToContainTextAsync("按季度报送法治政府建设进展");
    }

    [Fact]
    public async Task A_liaison_returns_one_task_and_asks_for_more_time_on_another_and_the_office_decides_and_reads_the_report()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var unit = await Planning.CreateUnitAsync(new() { Name = "通州区司法局" + suffix, Kind = "department", RegionCode = "320612" }, Office);
        var deadline = InDays(30);
        var plan = await Planning.CreatePlanAsync(new()
        {
            Title = "通州区法治政府建设工作要点" + suffix,
            Year = DateTime.Today.Year,
            Tasks =
            {
                new PlanningV1.NewTask { Title = "完成行政规范性文件清理", Deadline = deadline },
                new PlanningV1.NewTask { Title = "组织全区行政执法人员培训", Deadline = deadline },
            },
        }, Office);
        await Planning.IssuePlanAsync(new() { PlanId = plan.Id }, Office);
        foreach (var planned in plan.Tasks)
        {
            await Planning.AssignTaskAsync(new() { TaskId = planned.Id, UnitId = unit.Id }, Office);
        }
        await node.CreateAccountAsync("liaison" + suffix, "孙联络员", Guid.Parse(unit.Id), Password, PlatformRoles.UnitLiaison);
        var url = node.BaseUrl;

        var liaison = await browser.NewPageAsync();
        await liaison.SignInAsync(url, "liaison" + suffix, Password);
        await liaison.GoAsync(url + "/tasks");
        var training = liaison.Locator("[data-testid=task-card]", new() { HasText = "组织全区行政执法人员培训" });
        var cleanUp = liaison.Locator("[data-testid=task-card]", new() { HasText = "完成行政规范性文件清理" });

        // Training is not the bureau's: returned, and a return without a reason is refused next to it.
        await training.Locator("[data-testid=return-panel] summary").ClickAsync();
        await training.Locator("[data-testid=return-submit]").ClickAsync();
        await Assertions.Expect(training.Locator("[data-field=reason]")).ToBeVisibleAsync();
        await training.Locator("[data-testid=return-reason]").FillAsync("执法人员培训由区人社局牵头，不属于本单位职责");
        await training.Locator("[data-testid=return-submit]").ClickAsync();
        await Assertions.Expect(training).ToContainTextAsync("已退回");
        await Assertions.Expect(training.Locator("[data-testid=returned-reason]")).ToContainTextAsync("区人社局牵头");

        // The clean-up needs more time: a date before the deadline is refused next to the date.
        await cleanUp.Locator("[data-testid=accept]").ClickAsync();
        await Assertions.Expect(cleanUp).ToContainTextAsync("办理中");
        await cleanUp.Locator("[data-testid=extension-panel] summary").ClickAsync();
        await cleanUp.Locator("[data-testid=extension-deadline]").FillAsync(InDays(10));
        await cleanUp.Locator("[data-testid=extension-reason]").FillAsync("涉及文件较多，需征求多部门意见");
        await cleanUp.Locator("[data-testid=extension-submit]").ClickAsync();
        await Assertions.Expect(cleanUp.Locator("[data-field=requested_deadline]")).ToBeVisibleAsync();
        var extendedTo = InDays(60);
        await cleanUp.Locator("[data-testid=extension-deadline]").FillAsync(extendedTo);
        await cleanUp.Locator("[data-testid=extension-submit]").ClickAsync();
        await Assertions.Expect(cleanUp.Locator("[data-testid=my-extension-status]")).ToHaveTextAsync("待审批");

        // A progress report with its file.
        await cleanUp.Locator("[data-testid=report-text]").FillAsync("已完成清理文件120件，废止8件。");
        await cleanUp.Locator("[data-testid=report-percent]").FillAsync("60");
        await cleanUp.Locator("[data-testid=report-file]").PickFilesAsync(new FilePayload
        {
            Name = "清理目录.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("废止文件目录：……"),
        });
        await Assertions.Expect(cleanUp.Locator("[data-testid=report-file-name]")).ToContainTextAsync("清理目录.txt");
        await cleanUp.Locator("[data-testid=report-submit]").ClickAsync();
        await Assertions.Expect(cleanUp.Locator("[data-testid=report-done]")).ToBeVisibleAsync();

        // The office: the return with its reason, the request to decide, the report with its file.
        var clerk = await SignInClerkAsync(suffix);
        await clerk.GoAsync(url + "/plans/" + plan.Id);
        await Assertions.Expect(clerk.Locator("[data-task='2'] [data-testid=return-reason]")).ToContainTextAsync("区人社局牵头");
        var request = clerk.Locator("[data-testid=extension]");
        await Assertions.Expect(request).ToContainTextAsync("涉及文件较多");
        await Assertions.Expect(request).ToContainTextAsync(ChinaTime.Date(extendedTo));
        // A refusal must say why.
        await request.Locator("[data-testid=extension-refuse]").ClickAsync();
        await Assertions.Expect(request.Locator("[data-field=note]")).ToBeVisibleAsync();
        await request.Locator("[data-testid=decision-note]").FillAsync("同意，请按期完成");
        await request.Locator("[data-testid=extension-approve]").ClickAsync();
        await Assertions.Expect(clerk.Locator("[data-testid=no-extensions]")).ToBeVisibleAsync();
        await Assertions.Expect(clerk.Locator("[data-task='1'] [data-testid=extended-deadline]")).ToContainTextAsync(ChinaTime.Date(extendedTo));

        var report = clerk.Locator("[data-testid=reports] tbody tr", new() { HasText = "已完成清理文件120件" });
        await Assertions.Expect(report).ToContainTextAsync("60%");
        await Assertions.Expect(report).ToContainTextAsync(unit.Name);
        await clerk.ScreenshotAsync("plan-reports-and-extensions");
        var (name, content) = await clerk.DownloadAsync(report.Locator("[data-testid=report-attachment]"));
        Assert.Equal("清理目录.txt", name);
        Assert.Equal("废止文件目录：……", Encoding.UTF8.GetString(content));

        // The liaison sees the decision and the new deadline.
        await liaison.GoAsync(url + "/tasks");
        await Assertions.Expect(cleanUp.Locator("[data-testid=my-extension-status]")).ToHaveTextAsync("已同意");
        await Assertions.Expect(cleanUp.Locator("[data-testid=my-extension-note]")).ToHaveTextAsync("同意，请按期完成");
        await Assertions.Expect(cleanUp).ToContainTextAsync("完成时限 " + ChinaTime.Date(extendedTo));
    }

    [Fact]
    public async Task The_office_registers_an_inspector_in_the_pool_and_forms_a_mission_team_from_it()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var home = await Planning.CreateUnitAsync(new() { Name = "崇川区司法局" + suffix, Kind = "department", RegionCode = "320602" }, Office);
        var target = await Planning.CreateUnitAsync(new() { Name = "崇川区城管局" + suffix, Kind = "department", RegionCode = "320602" }, Office);
        var inspection = new InspectionV1.InspectionService.InspectionServiceClient(node.KestrelChannel());
        var mission = await inspection.CreateMissionAsync(new()
        {
            Title = "城市管理执法专项督察" + suffix,
            Kind = "special_topic",
            Year = DateTime.Today.Year,
            StartsOn = InDays(1),
            EndsOn = InDays(20),
            Targets = { new InspectionV1.MissionTarget { UnitId = target.Id, UnitName = target.Name, RegionCode = target.RegionCode } },
            FocusItems = { "行政执法“三项制度”落实情况" },
            Methods = { "file_checks" },
        }, Office);
        var clerk = await SignInClerkAsync(suffix);
        await clerk.GoAsync(node.BaseUrl + "/inspection");
        await clerk.ClickAsync("[data-testid=inspector-pool]");
        await clerk.WaitForAddressAsync(node.BaseUrl + "/inspection/inspectors");
        await clerk.WaitInteractiveAsync();

        // Without a field of expertise the pool refuses the entry, next to the boxes.
        var name = "陈督察员" + suffix;
        await clerk.FillAsync("[data-testid=inspector-name]", name);
        await clerk.FillAsync("[data-testid=inspector-user]", "inspector" + suffix);
        await clerk.SelectOptionAsync("[data-testid=inspector-unit]", new SelectOptionValue { Label = home.Name });
        await clerk.ClickAsync("[data-testid=inspector-submit]");
        await Assertions.Expect(clerk.Locator("[data-testid=inspector-register] [data-field=expertise]")).ToBeVisibleAsync();
        await clerk.GetByLabel("行政执法", new() { Exact = true }).CheckAsync();
        await clerk.ClickAsync("[data-testid=inspector-submit]");
        await Assertions.Expect(clerk.Locator("[data-testid=inspector-registered]")).ToContainTextAsync(name);
        var row = clerk.Locator("[data-testid=inspectors] tbody tr", new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync(home.Name);
        await Assertions.Expect(row.Locator("[data-testid=inspector-available]")).ToHaveTextAsync("可用");
        await clerk.ScreenshotAsync("inspector-pool");

        // The mission's team is formed from the pool.
        await clerk.GoAsync(node.BaseUrl + "/inspection/" + mission.Id);
        await clerk.GetByLabel(name).CheckAsync();
        await clerk.SelectOptionAsync("[data-testid=team-leader]", new SelectOptionValue { Label = name });
        await clerk.ClickAsync("[data-testid=team-submit]");
        await Assertions.Expect(clerk.Locator("[data-testid=mission-team]")).ToContainTextAsync(name + "（组长）");
    }
}
