using Platform.Contracts.Inspection.V1;
using Platform.Functional.Tests.Inspection;
using Platform.BuildingBlocks.Errors;

namespace Platform.Functional.Tests.Security;

/// <summary>The rules every request meets (invisible characters in names, control characters in text, list sizes), over gRPC, transcoded REST and the public REST endpoint.</summary>
[Collection(InspectionNodeCollection.Name)]
public sealed class NameAndListRuleTests(InspectionNode node)
{
    [Fact]
    public async Task A_name_with_a_bidirectional_or_zero_width_character_is_refused_over_grpc()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.RegisterInspectorAsync(new RegisterInspectorRequest
        {
            Name = "张\u202E三",
            UserId = SliceScenario.UniqueName("insp-"),
            HomeUnitName = "市\u200B司法局",
        }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(error, "name", "home_unit_name");
        Assert.Contains("U+202E", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_title_with_nul_is_refused_over_transcoded_rest()
    {
        using var http = node.Rest(node.Tokens.OfficeStaff());
        using var response = await http.PostAsJsonAsync("/api/inspection/v1/missions", new
        {
            title = "专项督察\u0000", kind = "special_topic", year = 2026, startsOn = "2026-05-11", endsOn = "2026-05-29",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var violation = Assert.Single(System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync())
            .RootElement.GetProperty("details")[0].GetProperty("fieldViolations").EnumerateArray());
        Assert.Equal("title", violation.GetProperty("field").GetString());
        Assert.Contains("U+0000", violation.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_longer_than_the_bound_is_refused_and_named()
    {
        var request = new CreateMissionRequest { Title = "专项督察", Kind = "special_topic", Year = 2026, StartsOn = "2026-05-11", EndsOn = "2026-05-29" };
        request.FocusItems.AddRange(Enumerable.Range(0, RequestRules.MaxListItems + 1).Select(i => $"重点{i}"));
        var error = await Assert.ThrowsAsync<RpcException>(() => node.Inspection.CreateMissionAsync(request, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(error, "focus_items");
        Assert.Contains($"at most {RequestRules.MaxListItems}", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Free_text_with_control_characters_is_refused_at_the_public_endpoint()
    {
        var (mission, inspector) = await node.MissionInProgressAsync(InspectionNode.NewUnit("通州区人民政府", "320612"));
        var questionnaire = await node.Inspection.CreateQuestionnaireAsync(new CreateQuestionnaireRequest
        {
            MissionId = mission.Id, Title = "群众满意度调查", Audience = "public", Questions = { new NewQuestion { Text = "意见建议", Kind = "text" } },
        }, inspector);
        using var anonymous = node.CreateClient();
        var path = $"/api/inspection/public/questionnaires/{questionnaire.PublicCode}/answers";
        using var bad = await anonymous.PostAsJsonAsync(path, new { answers = new[] { new { questionId = questionnaire.Questions[0].Id, text = "建议\u001b[2J" } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("answers[0].text", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var good = await anonymous.PostAsJsonAsync(path, new { answers = new[] { new { questionId = questionnaire.Questions[0].Id, text = "建议：\r\n一、增加窗口" } } });
        Assert.True(good.IsSuccessStatusCode, await good.Content.ReadAsStringAsync());
    }
}
