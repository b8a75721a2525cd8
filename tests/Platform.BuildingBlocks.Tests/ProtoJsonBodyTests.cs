using System.Text;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Grpc;
using Platform.Contracts.Inspection.V1;
using Platform.Contracts.Planning.V1;

namespace Platform.BuildingBlocks.Tests;

/// <summary>JSON bodies that parse but cannot be read are named, not thrown as a 500.</summary>
public sealed class ProtoJsonBodyTests
{
    [Theory]
    [InlineData("""{"name":"\ud800"}""", "name")]
    [InlineData("""{"name":"a\udc00b"}""", "name")]
    [InlineData("""{"\ud800":1}""", "body")]
    [InlineData("""{"aliases":["ok","\ud800"]}""", "aliases[1]")]
    public void A_lone_surrogate_escape_is_named_not_thrown(string json, string field)
    {
        var violations = ProtoJsonBody.Check(Encoding.UTF8.GetBytes(json), CreateUnitRequest.Descriptor);

        var violation = Assert.Single(violations);
        Assert.Equal(field, violation.Field);
        Assert.Contains("lone surrogate", violation.Description);
    }

    [Fact]
    public void A_lone_surrogate_in_an_answer_is_a_validation_error()
    {
        var json = """{"answers":[{"questionId":"x","text":"\ud800"}]}"""u8.ToArray();

        var error = Assert.Throws<ValidationException>(() => ProtoJsonBody.Parse<SubmitQuestionnaireAnswerRequest>(json));

        Assert.Contains(error.Violations, v => v.Field == "answers[0].text");
    }

    [Fact]
    public void A_surrogate_pair_is_text()
    {
        var violations = ProtoJsonBody.Check("""{"name":"\ud83d\ude00"}"""u8.ToArray(), CreateUnitRequest.Descriptor);

        Assert.Empty(violations);
    }
}
