using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Platform.BuildingBlocks.Grpc;
using Platform.Contracts.Planning.V1;

namespace Platform.BuildingBlocks.Tests;

/// <summary>The query string of a transcoded call: unknown parameters are refused and bad values named by parameter.</summary>
public sealed class ProtoQueryTests
{
    private static QueryCollection Query(params (string Key, string Value)[] pairs) =>
        new(pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => new StringValues(g.Select(p => p.Value).ToArray())));

    [Fact]
    public void Known_parameters_with_fitting_values_pass_by_json_or_proto_name()
    {
        Assert.Empty(ProtoQuery.Check(Query(("pageSize", "500"), ("query", "司法局"), ("page_token", "abc")), ListUnitsRequest.Descriptor, body: null));
        Assert.Empty(ProtoQuery.Check(Query(("planId", "x"), ("includeAssignments", "true")), GetPlanRequest.Descriptor, body: ""));
    }

    [Fact]
    public void A_value_that_does_not_fit_is_named_by_its_parameter()
    {
        var violation = Assert.Single(ProtoQuery.Check(Query(("pageSize", "abc")), ListUnitsRequest.Descriptor, body: null));
        Assert.Equal("pageSize", violation.Field);
        Assert.Equal("'abc' is not a valid int32", violation.Description);

        var flag = Assert.Single(ProtoQuery.Check(Query(("includeAssignments", "yes")), GetPlanRequest.Descriptor, body: null));
        Assert.Equal("includeAssignments", flag.Field);
        Assert.Equal("'99999999999' is not a valid int32",
            Assert.Single(ProtoQuery.Check(Query(("pageSize", "99999999999")), ListUnitsRequest.Descriptor, body: null)).Description);
    }

    [Fact]
    public void An_unknown_parameter_is_refused_by_name()
    {
        var violation = Assert.Single(ProtoQuery.Check(Query(("pageSize", "10"), ("bogus", "1")), ListUnitsRequest.Descriptor, body: null));
        Assert.Equal("bogus", violation.Field);
        Assert.Equal("is not a field of this request", violation.Description);
        Assert.Equal("pageSize.x", Assert.Single(ProtoQuery.Check(Query(("pageSize.x", "1")), ListUnitsRequest.Descriptor, body: null)).Field);
    }

    [Fact]
    public void A_field_the_body_carries_is_not_read_from_the_query()
    {
        var violation = Assert.Single(ProtoQuery.Check(Query(("title", "要点")), CreatePlanRequest.Descriptor, body: "*"));
        Assert.Equal("title", violation.Field);
        Assert.Contains("body", violation.Description, StringComparison.Ordinal);
    }
}
