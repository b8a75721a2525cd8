using Platform.BuildingBlocks.Errors;
using Platform.Contracts.Planning.V1;

namespace Platform.BuildingBlocks.Tests;

public sealed class RequestRulesTests
{
    [Theory]
    [InlineData("南通市司法局")]
    [InlineData("Nantong Justice Bureau (市司法局)")]
    [InlineData("2026年法治政府建设工作要点·第一部分")]
    public void Ordinary_names_pass(string name) => Assert.Null(RequestValidator.NameProblem(name));

    [Theory]
    [InlineData("报告\u202Efdp.exe", "U+202E")]
    [InlineData("市司法局\u2066", "U+2066")]
    [InlineData("市\u200B司法局", "U+200B")]
    [InlineData("市\u200D司法局", "U+200D")]
    [InlineData("\uFEFF市司法局", "U+FEFF")]
    [InlineData("市司法局\0", "U+0000")]
    [InlineData("市司法局\n第二行", "U+000A")]
    [InlineData("市司法局\u0085", "U+0085")]
    public void Bidirectional_zero_width_and_control_characters_are_refused_in_names(string name, string named) =>
        Assert.Contains(named, RequestValidator.NameProblem(name), StringComparison.Ordinal);

    [Theory]
    [InlineData(0x034F)]
    [InlineData(0x3164)]
    [InlineData(0x115F)]
    [InlineData(0x1160)]
    [InlineData(0xFFA0)]
    [InlineData(0xFE00)]
    [InlineData(0xFE0F)]
    [InlineData(0x180B)]
    [InlineData(0x180E)]
    [InlineData(0x180F)]
    [InlineData(0x2060)]
    [InlineData(0x2064)]
    [InlineData(0x17B4)]
    [InlineData(0x17B5)]
    [InlineData(0xE0100)]
    public void Default_ignorable_characters_that_are_not_format_characters_are_refused_in_names(int codePoint)
    {
        var name = "市司法局" + char.ConvertFromUtf32(codePoint) + "办公室";

        Assert.Equal($"must not contain the invisible or control character U+{codePoint:X4}", RequestValidator.NameProblem(name));
    }

    [Fact]
    public void A_lone_surrogate_is_not_a_name() =>
        Assert.Equal("is not valid Unicode text", RequestValidator.NameProblem("市\uD800"));

    [Fact]
    public void Free_text_keeps_line_breaks_and_tabs_but_not_other_controls()
    {
        Assert.Null(RequestValidator.TextProblem("第一条\r\n\t第二条；含\u200B也是文字"));
        Assert.Contains("U+0007", RequestValidator.TextProblem("响铃\a"), StringComparison.Ordinal);
        Assert.Contains("U+001B", RequestValidator.TextProblem("\u001b[2J清屏"), StringComparison.Ordinal);
        Assert.Equal("is not valid Unicode text", RequestValidator.TextProblem("\uDC00尾"));
    }

    [Fact]
    public void The_request_walk_names_each_field_by_its_path()
    {
        var request = new CreatePlanRequest
        {
            Title = "要点\u202E",
            Tasks =
            {
                new NewTask { Title = "任务一", Deadline = "2026-12-31" },
                new NewTask { Title = "任务\u200B二", Deadline = "2026\a-12-31", LeadUnitIds = { "a" } },
            },
        };
        var violations = RequestRules.Check(request);
        Assert.Equal(["title", "tasks[1].title", "tasks[1].deadline"], violations.Select(v => v.Field));
    }

    [Fact]
    public void Every_list_is_bounded_and_the_bound_named()
    {
        var request = new CreatePlanRequest { Title = "要点" };
        request.Tasks.Add(new NewTask { Title = "任务", LeadUnitIds = { Enumerable.Range(0, RequestRules.MaxListItems + 1).Select(i => i.ToString()) } });
        var violation = Assert.Single(RequestRules.Check(request));
        Assert.Equal("tasks[0].lead_unit_ids", violation.Field);
        Assert.Contains($"at most {RequestRules.MaxListItems}", violation.Description, StringComparison.Ordinal);

        request.Tasks[0].LeadUnitIds.RemoveAt(0);
        Assert.Empty(RequestRules.Check(request));
    }

    [Fact]
    public void The_lists_of_one_request_are_bounded_in_total_and_the_list_that_crosses_named()
    {
        var request = new CreatePlanRequest { Title = "要点" };
        for (var t = 0; t < 20; t++)
        {
            request.Tasks.Add(new NewTask { Title = "任务", LeadUnitIds = { Enumerable.Range(0, 600).Select(i => i.ToString()) } });
        }

        var violation = Assert.Single(RequestRules.Check(request));

        // 20 tasks, then 600 ids for each: the seventeenth task's list crosses 10 000.
        Assert.Equal("tasks[16].lead_unit_ids", violation.Field);
        Assert.Equal(RequestRules.TotalListItemsProblem(20 + 17 * 600), violation.Description);
        Assert.Contains($"at most {RequestRules.MaxTotalListItems}", violation.Description, StringComparison.Ordinal);

        while (request.Tasks.Count > 16)
        {
            request.Tasks.RemoveAt(request.Tasks.Count - 1);
        }
        Assert.Empty(RequestRules.Check(request));
    }

    [Fact]
    public void A_json_body_over_the_total_is_refused_before_it_is_parsed()
    {
        var task = "{\"title\":\"任务\",\"leadUnitIds\":[" + string.Join(",", Enumerable.Range(0, 600).Select(i => $"\"{i}\"")) + "]}";
        var json = "{\"title\":\"要点\",\"tasks\":[" + string.Join(",", Enumerable.Repeat(task, 20)) + "]}";

        var violation = Assert.Single(Platform.BuildingBlocks.Grpc.ProtoJsonBody.Check(System.Text.Encoding.UTF8.GetBytes(json), CreatePlanRequest.Descriptor));

        Assert.Equal("tasks[16].lead_unit_ids", violation.Field);
        Assert.Contains($"at most {RequestRules.MaxTotalListItems}", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_validator_applies_the_name_rule_with_the_length_rule()
    {
        var validator = new RequestValidator();
        validator.Name("units[0].name", "  市司法局\u200F ", 100);
        validator.Name("units[1].name", new string('局', 101), 100);
        Assert.Equal(["units[0].name", "units[1].name"], validator.Violations.Select(v => v.Field));
    }
}
