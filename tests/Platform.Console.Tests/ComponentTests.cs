using Bunit;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Platform.WebConsole.Api;
using Platform.WebConsole.Components.Pages;
using Platform.WebConsole.Components.Shared;
using Proto = Platform.Contracts.Planning.V1;
using RpcStatus = Google.Rpc.Status;

namespace Platform.WebConsole.Tests;

public sealed class ComponentTests : BunitContext
{
    private static Proto.StatisticsRow Row(string name, int assigned, int done, int overdue) => new()
    {
        Name = name, Assigned = assigned, Done = done, Overdue = overdue,
        CompletionRate = assigned == 0 ? 0 : (double)done / assigned,
    };

    [Fact]
    public void Completion_bars_put_the_least_complete_unit_first_mark_overdue_and_leave_out_units_without_work()
    {
        var bars = Render<CompletionBars>(p => p.Add(c => c.Rows, new[]
        {
            Row("市财政局", 4, 4, 0),
            Row("市司法局", 3, 1, 2),
            Row("市教育局", 0, 0, 0),
            Row("市公安局", 3, 1, 0),
        }));

        var rows = bars.FindAll("tbody tr");
        Assert.Equal(["市司法局", "市公安局", "市财政局"], rows.Select(r => r.GetAttribute("data-row")));
        Assert.Contains("has-overdue", rows[0].ClassName);
        Assert.Equal("33", rows[0].QuerySelector("[role=progressbar]")!.GetAttribute("aria-valuenow"));
        Assert.Equal("100", rows[2].QuerySelector("[role=progressbar]")!.GetAttribute("aria-valuenow"));
    }

    [Fact]
    public void A_field_error_shows_the_api_description_of_its_field_or_of_an_item_under_it()
    {
        var problem = ApiProblem.From(BadRequest(("attachments[0].file_name", ".exe not accepted; allowed: .pdf .txt"), ("text", "must not be empty")));

        var attachments = Render<FieldError>(p => p.Add(c => c.Field, "attachments").Add(c => c.Problem, problem));
        var percent = Render<FieldError>(p => p.Add(c => c.Field, "percent").Add(c => c.Problem, problem));

        Assert.Equal(".exe not accepted; allowed: .pdf .txt", attachments.Find("[data-field=attachments]").TextContent);
        Assert.Empty(percent.Markup.Trim());
        Assert.Equal("请修改标出的内容。", problem.Message);
    }

    [Fact]
    public void A_field_error_prefers_the_apis_chinese_message_over_its_english_description()
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation
        {
            Field = "attachments[0].content",
            Description = "is 30000000 bytes; at most 20971520 bytes are accepted",
            Reason = "FILE_TOO_LARGE",
            LocalizedMessage = new LocalizedMessage { Locale = "zh-CN", Message = "文件大小为 28.6 MB，超过上限 20 MB。" },
        });
        var problem = ApiProblem.From(new RpcStatus { Code = (int)StatusCode.InvalidArgument, Message = "bad request", Details = { Any.Pack(badRequest) } }.ToRpcException());

        var attachments = Render<FieldError>(p => p.Add(c => c.Field, "attachments").Add(c => c.Problem, problem));

        Assert.Equal("文件大小为 28.6 MB，超过上限 20 MB。", attachments.Find("[data-field=attachments]").TextContent);
    }

    [Fact]
    public void The_banner_lists_fields_no_input_shows_and_offers_a_new_sign_in_when_the_session_expired()
    {
        var problem = ApiProblem.From(BadRequest(("text", "must not be empty"), ("plan_id", "is not a valid id")));
        var banner = Render<ProblemBanner>(p => p.Add(c => c.Problem, problem).Add(c => c.ShownFields, new[] { "text" }));
        Assert.Equal(["计划：不是有效的编号"], banner.FindAll("li").Select(li => li.TextContent));

        var expired = Render<ProblemBanner>(p => p.Add(c => c.Problem, ApiProblem.From(new RpcException(new Grpc.Core.Status(StatusCode.Unauthenticated, "token expired")))));
        Assert.Contains("登录已过期，请重新登录。", expired.Markup);
        Assert.Equal("/signin?reason=expired", expired.Find("a").GetAttribute("href"));
    }

    [Theory]
    [InlineData("/plans/1", "/plans/1")]
    [InlineData(null, "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("/signin", "/")]
    [InlineData("/\t/evil.example/x", "/")]
    [InlineData("/\n/evil.example/x", "/")]
    [InlineData("/\r\nSet-Cookie: a=b", "/")]
    [InlineData("/plans/1\u0000", "/")]
    [InlineData("/plans\\..\\evil", "/")]
    [InlineData("/ledger?unit=a%09b", "/ledger?unit=a%09b")]
    public void Sign_in_returns_only_to_a_page_of_this_site(string? returnUrl, string expected) =>
        Assert.Equal(expected, ConsoleSession.SafeReturnUrl(returnUrl));

    [Theory]
    [InlineData("2026-12-31", "2026年12月31日")]
    [InlineData("2026-03-05T16:30:00Z", "2026年3月6日")]
    [InlineData("", "")]
    public void Dates_read_as_an_office_writes_them_in_china_time(string iso, string expected) =>
        Assert.Equal(expected, ChinaTime.Date(iso));

    [Fact]
    public void Times_are_china_time_on_a_24_hour_clock() =>
        Assert.Equal("2026年3月6日 00:30", ChinaTime.DateTime("2026-03-05T16:30:00Z"));

    private static RpcException BadRequest(params (string Field, string Description)[] violations)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        var status = new RpcStatus { Code = (int)StatusCode.InvalidArgument, Message = "bad request", Details = { Any.Pack(badRequest) } };
        return status.ToRpcException();
    }

    [Fact]
    public void An_issuers_error_leads_to_the_sign_in_page_saying_whether_it_was_a_refusal_or_an_error()
    {
        Assert.Equal("/signin?reason=denied", Platform.WebConsole.Issuer.NodeIssuerSetup.SignInFailedPath("access_denied"));
        Assert.Equal("/signin?reason=denied", Platform.WebConsole.Issuer.NodeIssuerSetup.SignInFailedPath("login_required"));
        Assert.Equal("/signin?reason=issuer", Platform.WebConsole.Issuer.NodeIssuerSetup.SignInFailedPath("server_error"));
        Assert.Equal("/signin?reason=failed", Platform.WebConsole.Issuer.NodeIssuerSetup.SignInFailedPath(null));
    }
}
