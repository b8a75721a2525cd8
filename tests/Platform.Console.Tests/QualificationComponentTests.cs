using Bunit;
using Grpc.Core;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.WebConsole.Api;
using Platform.WebConsole.Assessment;
using Platform.WebConsole.Components.Shared;
using System.Security.Claims;
using Proto = Platform.Contracts.Assessment.V1;

namespace Platform.WebConsole.Tests;

/// <summary>
/// The pieces of the study and qualification pages with logic: the units behind their study minimum, the people
/// chosen as attendees, a credential's history and actions, MayEnforce's reason in Chinese, and a refusal that names
/// no field placed next to the field it concerns.
/// </summary>
public sealed class QualificationComponentTests : BunitContext
{
    [Fact]
    public void Units_behind_their_minimum_are_marked_and_listed_first_and_the_office_can_list_them_alone()
    {
        var result = new Proto.CheckStudyMinimumsResponse
        {
            Year = 2026, AsOf = "2026-12-01",
            Units =
            {
                new Proto.StudyStanding { UnitId = "u1", UnitName = "通州区人民政府", Level = "county", Kind = "government", Required = 4, Counts = "executive_meeting", Held = 4, ExpectedByNow = 3 },
                new Proto.StudyStanding { UnitId = "u2", UnitName = "通州区司法局", Level = "county", Kind = "department", Required = 2, Counts = "any", Held = 1, ExpectedByNow = 2, Behind = true, Reminded = true },
                new Proto.StudyStanding { UnitId = "u3", UnitName = "某事业单位", Level = "county", Kind = "department", Required = 0, Counts = "" },
            },
        };
        var table = Render<StudyStandings>(p => p.Add(c => c.Result, result));

        Assert.Equal(["u2", "u1", "u3"], table.FindAll("tbody tr").Select(r => r.GetAttribute("data-unit")));
        var behind = table.Find("tr[data-unit=u2]");
        Assert.Equal("behind", behind.GetAttribute("class"));
        Assert.Contains("未达进度", behind.QuerySelector("[data-testid=standing-status]")!.TextContent);
        Assert.Contains("已提醒", behind.QuerySelector("[data-testid=standing-status]")!.TextContent);
        Assert.Contains("50%", behind.TextContent);
        Assert.Contains("各类学法", behind.TextContent);
        Assert.Null(table.Find("tr[data-unit=u1]").GetAttribute("class"));
        Assert.Contains("达到进度", table.Find("tr[data-unit=u1]").TextContent);
        Assert.Contains("常务会议学法", table.Find("tr[data-unit=u1]").TextContent);
        Assert.Contains("无最低要求", table.Find("tr[data-unit=u3]").TextContent);
        Assert.Contains("3 个单位，1 个未达进度", table.Markup);

        table.Find("[data-testid=standings-behind-only]").Change(true);
        Assert.Equal(["u2"], table.FindAll("tbody tr").Select(r => r.GetAttribute("data-unit")));
    }

    [Fact]
    public void The_checklist_adds_and_removes_the_people_checked()
    {
        var selected = new HashSet<string>(StringComparer.Ordinal) { "p2" };
        var people = new List<Proto.Person> { new() { Id = "p1", Name = "吴敏", Position = "局长" }, new() { Id = "p2", Name = "钱进", Position = "副局长" } };
        var list = Render<PersonChecklist>(p => p.Add(c => c.People, people).Add(c => c.Selected, selected).Add(c => c.TestId, "study-attendee"));

        var boxes = list.FindAll("[data-testid=study-attendee-person]");
        Assert.False(boxes[0].HasAttribute("checked"));
        Assert.True(boxes[1].HasAttribute("checked"));
        boxes[0].Change(true);
        list.FindAll("[data-testid=study-attendee-person]")[1].Change(false);
        Assert.Equal(["p1"], selected);

        var none = Render<PersonChecklist>(p => p.Add(c => c.People, []).Add(c => c.Selected, selected).Add(c => c.TestId, "training-attendee"));
        Assert.NotNull(none.Find("[data-testid=training-attendee-none]"));
    }

    [Fact]
    public void A_refusal_naming_no_field_goes_next_to_the_field_the_page_names_and_a_field_violation_stays_where_it_is()
    {
        var refusal = new RpcException(new Status(StatusCode.FailedPrecondition, "吴敏 has no passed law exam between 2025-12-01 and 2026-12-01; no exam, no credential."));
        var placed = ApiProblem.From(refusal, (StatusCode.FailedPrecondition, "issued_on"), (StatusCode.AlreadyExists, "number"));
        Assert.Equal("请修改标出的内容。", placed.Message);
        Assert.Contains("no passed law exam", placed.For("issued_on"));
        Assert.Null(placed.For("number"));

        var taken = ApiProblem.From(new RpcException(new Status(StatusCode.AlreadyExists, "Credential number 320601 is already issued.")), (StatusCode.FailedPrecondition, "issued_on"), (StatusCode.AlreadyExists, "number"));
        Assert.Contains("already issued", taken.For("number"));

        // A status the page does not place stays a message of its own.
        var denied = ApiProblem.From(new RpcException(new Status(StatusCode.PermissionDenied, "office only")), (StatusCode.FailedPrecondition, "issued_on"));
        Assert.Empty(denied.Fields);
        Assert.StartsWith("无权进行此操作", denied.Message);
    }

    [Theory]
    [InlineData("no credential", "无执法证")]
    [InlineData("left on 2026-06-30", "已于2026年6月30日离任")]
    [InlineData("credential 320601 is valid until 2029-12-01", "执法证 320601 有效期至2029年12月1日")]
    [InlineData("credential 320601 is valid from 2026-12-01", "执法证 320601 自2026年12月1日起有效")]
    [InlineData("credential 320601 expired on 2026-01-31", "执法证 320601 已于2026年1月31日过期")]
    [InlineData("credential 320601 was revoked on 2026-11-02: 违法执法", "执法证 320601 已于2026年11月2日吊销：违法执法")]
    [InlineData("credential 320601 is suspended from 2026-11-02 until 2026-12-31: 待查", "执法证 320601 自2026年11月2日起暂扣，至2026年12月31日：待查")]
    [InlineData("credential 320601 is suspended from 2026-11-02 until further notice: 待查", "执法证 320601 自2026年11月2日起暂扣，至另行通知：待查")]
    [InlineData("something new", "something new")]
    public void May_enforces_reason_reads_in_chinese(string reason, string chinese) =>
        Assert.Equal(chinese, QualificationText.EnforcementReason(reason));

    [Fact]
    public void A_typed_score_is_read_with_full_width_digits_and_words_are_not_a_score()
    {
        Assert.True(QualificationText.TryScore("８５.５", out var score));
        Assert.Equal(85.5, score);
        Assert.False(QualificationText.TryScore("八十五", out _));
        Assert.False(QualificationText.TryScore("", out _));
        Assert.Equal("", QualificationText.Wire(null));
        Assert.Equal("2026-03-05", QualificationText.Wire(new DateOnly(2026, 3, 5)));
    }

    [Fact]
    public void A_credentials_history_lists_each_suspension_and_the_revocation_and_the_office_acts_on_those_not_revoked()
    {
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero)));
        Services.AddNodeApi(new SignedIn());
        var dossier = new Proto.Dossier { Person = new Proto.Person { Id = "p1", Name = "卫东", Status = "serving" } };
        var active = new Proto.Credential { Id = "c1", Number = "A1", IssuedOn = "2025-01-01", ExpiresOn = "2027-12-31", Status = "suspended" };
        active.Suspensions.Add(new Proto.CredentialSuspension { From = "2026-03-01", Until = "2026-03-31", Reason = "待查" });
        active.Suspensions.Add(new Proto.CredentialSuspension { From = "2026-11-02", Reason = "再次待查" });
        var revoked = new Proto.Credential { Id = "c0", Number = "A0", IssuedOn = "2022-01-01", ExpiresOn = "2024-12-31", Status = "revoked", RevokedOn = "2024-06-01", RevocationReason = "违法执法" };
        dossier.Credentials.Add(active);
        dossier.Credentials.Add(revoked);

        var panel = Render<QualificationPanel>(p => p.Add(c => c.Dossier, dossier).Add(c => c.Office, true));
        Assert.Equal(
            ["暂扣：2026年3月1日 至 2026年3月31日，待查", "暂扣：2026年11月2日 至 另行通知，再次待查"],
            panel.FindAll("tr[data-credential=A1] [data-testid=credential-history] li").Select(l => l.TextContent.Trim()));
        Assert.Equal("吊销：2024年6月1日，违法执法", panel.Find("tr[data-credential=A0] [data-testid=credential-history] li").TextContent.Trim());
        Assert.Equal("暂扣", panel.Find("tr[data-credential=A1] [data-testid=credential-status]").TextContent);
        Assert.Single(panel.FindAll("[data-testid=credential-suspend-open]"));
        panel.Find("[data-testid=credential-revoke-open]").Click();
        Assert.Contains("吊销执法证 A1", panel.Find("[data-testid=credential-revoke]").TextContent);
        Assert.NotNull(panel.Find("[data-testid=issue-open]"));

        // A dossier a child node sent up is read only: no actions, no question to this node's API.
        var below = Render<QualificationPanel>(p => p.Add(c => c.Dossier, dossier).Add(c => c.Office, true).Add(c => c.Local, false));
        Assert.Empty(below.FindAll("[data-testid=credential-suspend-open]"));
        Assert.Empty(below.FindAll("[data-testid=enforce-ask]"));
        Assert.Empty(below.FindAll("[data-testid=issue-open]"));
    }

    private sealed class SignedIn : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "clerk")], "test"))));
    }
}
