using System.Text;
using Platform.Functional.Tests.Inspection;

namespace Platform.Functional.Tests.Security;

/// <summary>Bodies the node cannot read: a 400 naming the position or the field, never a 500, never a silently dropped field.</summary>
[Collection(InspectionNodeCollection.Name)]
public sealed class BadBodyTests(InspectionNode node)
{
    private const string PublicAnswers = "/api/inspection/public/questionnaires/0123456789abcdef01234567/answers";

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string body, string? token = null)
    {
        using var http = node.Rest(token);
        using var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>The field names of a REST problem (plain endpoints) or of a transcoded google.rpc.BadRequest.</summary>
    private static Dictionary<string, string> Violations(JsonElement body)
    {
        if (body.TryGetProperty("errors", out var errors))
        {
            return errors.EnumerateObject().ToDictionary(e => e.Name, e => string.Join(" ", e.Value.EnumerateArray().Select(v => v.GetString())));
        }
        return body.GetProperty("details")[0].GetProperty("fieldViolations").EnumerateArray()
            .ToDictionary(v => v.GetProperty("field").GetString()!, v => v.GetProperty("description").GetString()!);
    }

    [Theory]
    [InlineData("{", "body", "line 1, position 2")]
    [InlineData("", "body", "line 1, position 1")]
    [InlineData("{\"answers\":[{\"questionId\":\"x\",}]}", "body", "line 1, position 31")]
    [InlineData("{\"answers\":[\n{\"rating\":tru}]}", "body", "line 2")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "body", "depth")]
    [InlineData("{\"answers\":5}", "answers", "array")]
    [InlineData("{\"answers\":[{\"rating\":99999999999}]}", "answers[0].rating", "int32")]
    [InlineData("{\"answers\":[{\"questionId\":\"x\",\"comment\":\"hi\"}]}", "answers[0].comment", "not a field")]
    [InlineData("{\"answer\":[]}", "answer", "not a field")]
    public async Task Malformed_public_answers_are_a_400_that_says_where(string body, string field, string hint)
    {
        var (status, problem) = await PostAsync(PublicAnswers, body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var violations = Violations(problem);
        Assert.Contains(hint, violations[field], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?pageSize=abc", "pageSize", "'abc' is not a valid int32")]
    [InlineData("?pageSize=10&bogus=1", "bogus", "is not a field of this request")]
    [InlineData("?page_size=10&Available=true", "Available", "is not a field of this request")]
    public async Task Transcoded_query_strings_name_the_parameter_that_is_wrong(string query, string field, string description)
    {
        using var http = node.Rest(node.Tokens.OfficeStaff());
        using var response = await http.GetAsync("/api/inspection/v1/inspectors" + query);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(description, Violations(JsonDocument.Parse(text).RootElement)[field]);
    }

    [Fact]
    public async Task Transcoded_query_strings_with_known_parameters_pass()
    {
        using var http = node.Rest(node.Tokens.OfficeStaff());
        using var response = await http.GetAsync("/api/inspection/v1/inspectors?pageSize=10&page_token=&available=true");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"name\":\"甲\",\"bogus\":1}", "bogus", "not a field")]
    [InlineData("{\"name\":\"甲\",\"homeUnit\":{\"id\":1}}", "homeUnit", "not a field")]
    [InlineData("{\"name\":\"甲\",\"expertise\":\"enforcement\"}", "expertise", "array")]
    [InlineData("{\"name\":5}", "name", "string")]
    [InlineData("{\"name\":\"a\"", "body", "line 1, position 12")]
    [InlineData("[]", "body", "object")]
    public async Task Transcoded_calls_refuse_unknown_fields_and_name_the_position_of_broken_json(string body, string field, string hint)
    {
        var (status, problem) = await PostAsync("/api/inspection/v1/inspectors", body, node.Tokens.OfficeStaff());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(3, problem.GetProperty("code").GetInt32());
        Assert.Contains(hint, Violations(problem)[field], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nested_unknown_field_is_named_by_its_path()
    {
        const string body = "{\"title\":\"问卷\",\"audience\":\"public\",\"questions\":[{\"text\":\"问\",\"kind\":\"text\",\"weight\":2}]}";
        var (status, problem) = await PostAsync($"/api/inspection/v1/missions/{Guid.CreateVersion7()}/questionnaires", body, node.Tokens.OfficeStaff());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["questions[0].weight"], Violations(problem).Keys);
    }

    [Fact]
    public async Task Invalid_utf8_is_named_by_its_byte_at_both_kinds_of_endpoint()
    {
        // Found by the answer-sheet fuzz pass: a bad byte inside a property name made System.Text.Json throw.
        byte[] body = [.. "{\"answers\":[],\""u8.ToArray(), 0xB5, .. "x\":null}"u8.ToArray()];
        foreach (var (path, token) in new[] { (PublicAnswers, (string?)null), ("/api/inspection/v1/inspectors", node.Tokens.OfficeStaff()) })
        {
            using var http = node.Rest(token);
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync(path, content);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("byte 16: is not valid UTF-8", Violations(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement)["body"]);
        }
    }

    [Fact]
    public async Task An_anonymous_caller_is_refused_before_its_body_is_read()
    {
        var (status, _) = await PostAsync("/api/inspection/v1/inspectors", "{\"name\":\"甲\",\"bogus\":1}");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }
}
