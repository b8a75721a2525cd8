using Microsoft.Playwright;
using Platform.BuildingBlocks.Auth;
using Platform.Testing;
using AssessmentV1 = Platform.Contracts.Assessment.V1;
using PlanningV1 = Platform.Contracts.Planning.V1;

namespace Platform.Functional.Tests.Console;

/// <summary>
/// Study and qualification in Debian's chromium: the office records a unit's study session and sees the unit's count
/// against its minimum move, records a training class and finds it in the year's list narrowed to the unit; it is refused a credential for a person without a passed exam (the refusal next to the
/// field), records the exam, issues it, suspends it and asks whether the person may enforce before and on the day.
/// One node for the class: each test makes its own units and people.
/// </summary>
[Trait("Category", "Browser")]
public sealed class QualificationBrowserTests(ChromiumBrowser browser, ConsoleNode node)
    : IClassFixture<ChromiumBrowser>, IClassFixture<ConsoleNode>
{
    private const string Password = "correct-horse-9";

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private AssessmentV1.AssessmentService.AssessmentServiceClient Assessment => new(node.KestrelChannel());

    /// <summary>A unit made in planning with one person, once assessment has its copy (from planning's event).</summary>
    private async Task<(PlanningV1.Unit Unit, AssessmentV1.Person Person)> UnitWithPersonAsync(string unitName, string personName, string position, string postKind)
    {
        var office = SliceScenario.Bearer(node.Tokens.OfficeStaff());
        var unit = await new PlanningV1.PlanningService.PlanningServiceClient(node.KestrelChannel())
            .CreateUnitAsync(new() { Name = unitName, Kind = "department", RegionCode = "320602" }, office);
        await Eventually.GetAsync(
            async () => (await Assessment.ListAssessmentUnitsAsync(new() { PageSize = 500 }, office)).Units.FirstOrDefault(u => u.Id == unit.Id),
            TimeSpan.FromSeconds(30), "unit " + unitName + " in assessment");
        var person = await Assessment.CreatePersonAsync(new() { UnitId = unit.Id, Name = personName, Position = position, PostKind = postKind, TermStart = "2024-03-01" }, office);
        return (unit, person);
    }

    private static string Wire(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_office_records_a_units_study_session_with_its_attendees_and_sees_the_units_count_move()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (unit, head) = await UnitWithPersonAsync("崇川区司法局" + suffix, "陈立" + suffix, "局长", "department_head");
        await node.CreateAccountAsync("clerk" + suffix, "王科员", null, Password, PlatformRoles.OfficeStaff);
        var url = node.BaseUrl;
        var clerk = await browser.NewPageAsync();
        await clerk.SignInAsync(url, "clerk" + suffix, Password);
        await clerk.GoAsync(url + "/assessment/study");

        // A department's minimum is 2 sessions a year, of any kind; it has held none.
        var row = clerk.Locator($"[data-testid=study-standings] tr[data-unit='{unit.Id}']");
        await Assertions.Expect(row.Locator("[data-testid=standing-held]")).ToHaveTextAsync("0");
        await Assertions.Expect(row).ToContainTextAsync("各类学法");

        // Without a topic the API refuses next to the field.
        await clerk.SelectOptionAsync("[data-testid=study-unit]", unit.Id);
        await clerk.CheckAsync($"[data-testid=study-attendee-person][value='{head.Id}']");
        await clerk.SelectOptionAsync("[data-testid=study-kind]", "theory_group");
        await clerk.ClickAsync("[data-testid=study-save]");
        await Assertions.Expect(clerk.Locator("[data-testid=study-record] [data-field=topic]")).ToBeVisibleAsync();

        await clerk.FillAsync("[data-testid=study-topic]", "学习《中华人民共和国行政复议法》");
        await clerk.ClickAsync("[data-testid=study-save]");
        await Assertions.Expect(clerk.Locator("[data-testid=study-done]")).ToContainTextAsync("1 人参加");
        await Assertions.Expect(row.Locator("[data-testid=standing-held]")).ToHaveTextAsync("1");
        await Assertions.Expect(clerk.Locator("[data-testid=study-sessions]")).ToContainTextAsync("学习《中华人民共和国行政复议法》");
        await clerk.ScreenshotAsync("assessment-study");

        // A training class for the unit's people: the year's list (the API's, paged and filtered by unit) shows it.
        var training = "行政执法人员培训班" + suffix;
        await clerk.FillAsync("[data-testid=training-title]", training);
        await clerk.FillAsync("[data-testid=training-starts]", Wire(Today));
        await clerk.FillAsync("[data-testid=training-hours]", "16");
        await clerk.SelectOptionAsync("[data-testid=training-unit]", unit.Id);
        await clerk.CheckAsync($"[data-testid=training-attendee-person][value='{head.Id}']");
        await clerk.ClickAsync("[data-testid=training-save]");
        await Assertions.Expect(clerk.Locator("[data-testid=training-done]")).ToContainTextAsync("参加 1 人");
        await Assertions.Expect(clerk.Locator("[data-testid=training-list]")).ToContainTextAsync(training);
        await clerk.SelectOptionAsync("[data-testid=training-filter-unit]", unit.Id);
        var listed = clerk.Locator("[data-testid=training-list] tbody tr");
        await Assertions.Expect(listed).ToHaveCountAsync(1);
        await Assertions.Expect(listed).ToContainTextAsync(training);
        await Assertions.Expect(listed.Locator("[data-testid=training-attended]")).ToHaveTextAsync("1");
        await Assertions.Expect(listed.Locator("[data-testid=training-absent]")).ToHaveTextAsync("0");

        // The attendee's dossier lists the session.
        await clerk.GoAsync(url + "/assessment/people/" + head.Id);
        await Assertions.Expect(clerk.Locator("[data-testid=dossier-study]")).ToContainTextAsync("学习《中华人民共和国行政复议法》");
    }

    [Fact]
    public async Task A_credential_is_refused_without_a_passed_exam_issued_after_one_and_suspended_from_a_day()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (_, officer) = await UnitWithPersonAsync("崇川区城管局" + suffix, "卫东" + suffix, "执法大队队员", "enforcement_officer");
        await node.CreateAccountAsync("clerk" + suffix, "王科员", null, Password, PlatformRoles.OfficeStaff);
        var url = node.BaseUrl;
        var number = "3206" + suffix;
        var clerk = await browser.NewPageAsync();
        await clerk.SignInAsync(url, "clerk" + suffix, Password);
        await clerk.GoAsync(url + "/assessment/people/" + officer.Id);
        await Assertions.Expect(clerk.Locator("[data-testid=no-credentials]")).ToBeVisibleAsync();

        // No passed exam in the year before: the API's refusal stands next to the issue date.
        await clerk.ClickAsync("[data-testid=issue-open]");
        await clerk.FillAsync("[data-testid=issue-number]", number);
        await clerk.FillAsync("[data-testid=issue-on]", Wire(Today.AddDays(-10)));
        await clerk.ClickAsync("[data-testid=issue-save]");
        await Assertions.Expect(clerk.Locator("[data-testid=issue-form] [data-field=issued_on]")).ToContainTextAsync("no passed law exam");
        await clerk.ScreenshotAsync("assessment-credential-refused");

        // The office records a passed exam, then issues the credential.
        await clerk.ClickAsync("[data-testid=exam-open]");
        await clerk.SelectOptionAsync("[data-testid=exam-kind]", "annual");
        await clerk.FillAsync("[data-testid=exam-taken]", Wire(Today.AddDays(-20)));
        await clerk.FillAsync("[data-testid=exam-score]", "86");
        await clerk.ClickAsync("[data-testid=exam-save]");
        await Assertions.Expect(clerk.Locator("[data-testid=qualification-done]")).ToContainTextAsync("合格");
        await Assertions.Expect(clerk.Locator("[data-testid=dossier-study]")).ToContainTextAsync("年度学法考试");
        await clerk.ClickAsync("[data-testid=issue-open]");
        await clerk.FillAsync("[data-testid=issue-number]", number);
        await clerk.FillAsync("[data-testid=issue-on]", Wire(Today.AddDays(-10)));
        await clerk.ClickAsync("[data-testid=issue-save]");
        var credential = clerk.Locator($"tr[data-credential='{number}']");
        await Assertions.Expect(credential.Locator("[data-testid=credential-status]")).ToHaveTextAsync("有效");

        // Suspended from today until further notice: yesterday the officer could enforce, today not.
        await credential.Locator("[data-testid=credential-suspend-open]").ClickAsync();
        await clerk.FillAsync("[data-testid=act-from]", Wire(Today));
        await clerk.FillAsync("[data-testid=act-reason]", "涉嫌违法执法，暂停执法资格");
        await clerk.ClickAsync("[data-testid=act-save]");
        await Assertions.Expect(credential.Locator("[data-testid=credential-status]")).ToHaveTextAsync("暂扣");
        await Assertions.Expect(credential.Locator("[data-testid=credential-history]")).ToContainTextAsync("至 另行通知，涉嫌违法执法");
        await clerk.FillAsync("[data-testid=enforce-date]", Wire(Today.AddDays(-1)));
        await clerk.ClickAsync("[data-testid=enforce-ask]");
        await Assertions.Expect(clerk.Locator("[data-testid=enforce-verdict]")).ToHaveTextAsync("可以执法");
        await clerk.FillAsync("[data-testid=enforce-date]", Wire(Today));
        await clerk.ClickAsync("[data-testid=enforce-ask]");
        await Assertions.Expect(clerk.Locator("[data-testid=enforce-verdict]")).ToHaveTextAsync("不能执法");
        await Assertions.Expect(clerk.Locator("[data-testid=enforce-answer]")).ToContainTextAsync("起暂扣，至另行通知");
        await clerk.ScreenshotAsync("assessment-credentials");
    }
}
