using Bunit;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Platform.BuildingBlocks.Errors;
using Platform.WebConsole.Api;
using Platform.WebConsole.Components.Shared;
using RpcStatus = Google.Rpc.Status;

namespace Platform.WebConsole.Tests;

/// <summary>The API's English field names and validator descriptions, as the console shows them beside the fields.</summary>
public sealed class ApiTextTests : BunitContext
{
    [Theory]
    [InlineData("must not be empty", "必须填写")]
    [InlineData("must not be empty; expected a date as YYYY-MM-DD", "必须填写日期（年-月-日）")]
    [InlineData("must be at most 200 characters, got 230", "最多 200 个字，现有 230 个字")]
    [InlineData("must not contain the invisible or control character U+202E", "不能含有不可见字符或控制字符（U+202E）")]
    [InlineData("must not contain the control character U+0000", "不能含有控制字符（U+0000）")]
    [InlineData("must have at most 1000 items, got 1200", "最多 1000 项，现有 1200 项")]
    [InlineData("'abc' is not a valid id", "“abc”不是有效的编号")]
    [InlineData("'2026-13-01' is not a date; expected YYYY-MM-DD", "“2026-13-01”不是日期，应为 年-月-日")]
    [InlineData("must be between 0 and 100, got 120", "须在 0 至 100 之间，现为 120")]
    [InlineData("must be one of excellent, good, fair, poor", "不是可选的值（可选：excellent, good, fair, poor）")]
    [InlineData("must be after today (2026-12-02), got 2026-11-30", "须晚于今天（2026年12月2日），现为 2026年11月30日")]
    [InlineData("must not be in the past, got 2026-11-30", "不能早于今天，现为 2026年11月30日")]
    [InlineData("must not be before deadline_from", "不能早于期限起始日")]
    [InlineData("is not a token returned by a previous call", "翻页标记已失效，请重新查询")]
    [InlineData("must be a six-digit GB/T 2260 division code, for example 320600", "须为 6 位行政区划代码（GB/T 2260），如 320600")]
    [InlineData("must be after the current deadline 2026-09-30", "须晚于现在的期限（2026年9月30日）")]
    [InlineData("must say why the request is refused", "不同意时须说明理由")]
    [InlineData("must name one or more of: office_staff, unit_liaison", "须选择以下一项或多项：办公室工作人员、联络员")]
    [InlineData("conflict of interest: 孙检查员 works for 南通市司法局, a target of this mission", "须回避：孙检查员在本次督察的对象单位南通市司法局工作")]
    [InlineData("This action needs one of the roles: office_staff, observer.", "此操作需要以下角色之一：办公室工作人员、观察员")]
    [InlineData("Rectification item 0193a000-0000-7000-8000-000000000001 does not exist or is not visible to the caller.", "该记录不存在，或您无权查看")]
    [InlineData("Mission is planned without a team; form the team before notifying the targets.", "督察任务尚未组建督察组：请先组建督察组，再通知被督察单位")]
    [InlineData("The contact directory has no units yet; add contacts or name the units.", "通讯录中还没有单位：请先添加联系人，或指明发送的单位")]
    public void A_validators_description_is_said_in_chinese(string description, string chinese) =>
        Assert.Equal(chinese, ApiText.Description(description));

    [Theory]
    [InlineData("the weights of the first-level indicators add up to 90, must be 100")]
    [InlineData("must be one of inspector_ids: the leader is on the team")]
    public void A_description_no_rule_knows_is_shown_as_the_api_wrote_it(string description) =>
        Assert.Equal(description, ApiText.Description(description));

    [Theory]
    [InlineData("title", "标题")]
    [InlineData("tasks[2].deadline", "任务第3项·完成期限")]
    [InlineData("attachments[0].file_name", "附件第1项·文件名")]
    [InlineData("some_new_field", "some_new_field")]
    public void A_field_path_is_named_in_chinese(string path, string chinese) =>
        Assert.Equal(chinese, ApiText.Field(path));

    [Fact]
    public void The_validators_own_words_reach_the_field_in_chinese()
    {
        // The words the building blocks' validator writes, carried as the API carries them (google.rpc.BadRequest).
        var validator = new RequestValidator();
        validator.Required("title", "  ");
        validator.Date("deadline", "明年");
        validator.Range("percent", 120, 0, 100);
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(validator.Violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        var problem = ApiProblem.From(new RpcStatus { Code = (int)StatusCode.InvalidArgument, Message = "invalid", Details = { Any.Pack(badRequest) } }.ToRpcException());

        var title = Render<FieldError>(p => p.Add(c => c.Field, "title").Add(c => c.Problem, problem));
        var banner = Render<ProblemBanner>(p => p.Add(c => c.Problem, problem).Add(c => c.ShownFields, new[] { "title" }));

        Assert.Equal("必须填写", title.Find("[data-field=title]").TextContent);
        Assert.Equal(["完成期限：“明年”不是日期，应为 年-月-日", "完成进度：须在 0 至 100 之间，现为 120"], banner.FindAll("li").Select(li => li.TextContent));
    }
}
