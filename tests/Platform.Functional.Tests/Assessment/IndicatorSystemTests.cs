using Google.Rpc;
using Grpc.Core;
using Platform.BuildingBlocks.Auth;
using Platform.Contracts.Assessment.V1;
using Platform.Testing;
using Xunit;

namespace Platform.Functional.Tests.Assessment;

/// <summary>The indicator system of a year: a three-level tree whose weights add up to 100 at every level.</summary>
[Collection(EmbeddedNodeCollection.Name)]
public sealed class IndicatorSystemTests(EmbeddedNodeFactory node)
{
    private EvaluationService.EvaluationServiceClient Api => new(node.CreateGrpcChannel());

    private Metadata Clerk => SliceScenario.Bearer(node.Tokens.OfficeStaff());

    private static Indicator Node(string code, string parent, string name, double weight, string scoring = "", int target = 0, string source = "", double points = 0) =>
        new() { Code = code, ParentCode = parent, Name = name, Weight = weight, Scoring = scoring, Target = target, Source = source, Points = points };

    /// <summary>依法行政 (60: 依法决策 40 → two leaves, 执法监督 60) and 学法用法 (40: 学法 as a count, 整改 derived).</summary>
    private static List<Indicator> ValidTree() =>
    [
        Node("1", "", "依法行政", 60),
        Node("1.1", "1", "依法決策", 40),
        Node("1.1.1", "1.1", "重大決策合法性審查", 62.5, "manual"),
        Node("1.1.2", "1.1", "任務按時報送", 37.5, "derived", source: "tasks_on_time", points: 1),
        Node("1.2", "1", "執法監督", 60, "derived", source: "findings_serious", points: 2.5),
        Node("2", "", "學法用法", 40),
        Node("2.1", "2", "常務會議學法", 50, "count_against_target", target: 4),
        Node("2.2", "2", "整改逾期", 50, "derived", source: "rectification_overdue", points: 0.5),
    ];

    private async Task<RpcException> RefusedAsync(int year, IEnumerable<Indicator> indicators)
    {
        var request = new SetIndicatorSystemRequest { Year = year, Indicators = { indicators }, RoutineShare = 30, AnnualShare = 70 };
        var error = await Assert.ThrowsAsync<RpcException>(() => Api.SetIndicatorSystemAsync(request, Clerk).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        return error;
    }

    private static IReadOnlyList<BadRequest.Types.FieldViolation> Violations(RpcException error) =>
        error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.ToList();

    [Fact]
    public async Task A_valid_tree_is_stored_with_its_levels_and_read_by_units_and_observers_but_not_operators()
    {
        var set = await Api.SetIndicatorSystemAsync(new SetIndicatorSystemRequest { Year = 2030, Indicators = { ValidTree() }, RoutineShare = 30, AnnualShare = 70 }, Clerk);
        Assert.Equal((2030, 30, 70), (set.Year, set.RoutineShare, set.AnnualShare));
        Assert.Equal("clerk", set.UpdatedBy);
        Assert.Equal([1, 2, 3, 3, 2, 1, 2, 2], set.Indicators.Select(i => i.Level));
        var count = set.Indicators.Single(i => i.Code == "2.1");
        Assert.Equal(("count_against_target", 4, ""), (count.Scoring, count.Target, count.Source));
        Assert.Equal(("", 0), (set.Indicators[0].Scoring, set.Indicators[0].Target));
        Assert.Equal(62.5, set.Indicators[2].Weight);
        // A leaf's full marks are the product of the weights on its path: 60 × 40 % × 62.5 % = 15.
        Assert.Equal([0, 0, 15, 9, 36, 0, 20, 20], set.Indicators.Select(i => i.FullMarks));
        Assert.Equal(2.5, set.Indicators[4].Points);

        var unitId = Guid.CreateVersion7();
        foreach (var reader in new[] { node.Tokens.Observer(), node.Tokens.Liaison(unitId), node.Tokens.Issue("leader-1", unitId, PlatformRoles.Leader) })
        {
            var read = await Api.GetIndicatorSystemAsync(new GetIndicatorSystemRequest { Year = 2030 }, SliceScenario.Bearer(reader));
            Assert.Equal(set, read);
        }
        foreach (var role in new[] { PlatformRoles.NodeOperator, PlatformRoles.Auditor, PlatformRoles.Inspector })
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => Api.GetIndicatorSystemAsync(
                new GetIndicatorSystemRequest { Year = 2030 }, SliceScenario.Bearer(node.Tokens.Issue(role + "-1", null, role))).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        }
        var unitMayNotSet = await Assert.ThrowsAsync<RpcException>(() => Api.SetIndicatorSystemAsync(
            new SetIndicatorSystemRequest { Year = 2030, Indicators = { ValidTree() }, RoutineShare = 30, AnnualShare = 70 }, SliceScenario.Bearer(node.Tokens.Liaison(unitId))).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, unitMayNotSet.StatusCode);

        // Setting the year again replaces the whole tree; another year is untouched by it.
        var replaced = await Api.SetIndicatorSystemAsync(new SetIndicatorSystemRequest
        {
            Year = 2030,
            Indicators = { Node("1", "", "依法行政", 100), Node("1.1", "1", "合法性審查", 100, "manual") },
            RoutineShare = 40,
            AnnualShare = 60,
        }, Clerk);
        Assert.Equal(["1", "1.1"], replaced.Indicators.Select(i => i.Code));
        Assert.Equal((40, 60), (replaced.RoutineShare, replaced.AnnualShare));
        Assert.Equal(["1", "1.1"], (await Api.GetIndicatorSystemAsync(new GetIndicatorSystemRequest { Year = 2030 }, Clerk)).Indicators.Select(i => i.Code));
        var none = await Assert.ThrowsAsync<RpcException>(() => Api.GetIndicatorSystemAsync(new GetIndicatorSystemRequest { Year = 2029 }, Clerk).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task Weights_that_do_not_add_up_name_the_parent_and_the_sum_at_every_level()
    {
        var tree = ValidTree();
        tree[0].Weight = 55; // first level: 55 + 40
        tree[3].Weight = 30; // under 1.1: 62.5 + 30
        tree[7].Weight = 50.25; // under 2: 50 + 50.25
        var violations = Violations(await RefusedAsync(2031, tree));
        Assert.Equal(["indicators", "indicators[1]", "indicators[5]"], violations.Select(v => v.Field).Order(StringComparer.Ordinal));
        Assert.Contains(violations, v => v.Field == "indicators" && v.Description.Contains("first-level") && v.Description.Contains("95,"));
        Assert.Contains(violations, v => v.Field == "indicators[1]" && v.Description.Contains("under 1.1 依法決策") && v.Description.Contains("92.5,"));
        Assert.Contains(violations, v => v.Field == "indicators[5]" && v.Description.Contains("under 2 學法用法") && v.Description.Contains("100.25,"));

        // Nothing was stored.
        var none = await Assert.ThrowsAsync<RpcException>(() => Api.GetIndicatorSystemAsync(new GetIndicatorSystemRequest { Year = 2031 }, Clerk).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task Every_problem_of_a_tree_comes_in_one_answer_each_naming_its_node()
    {
        var tree = ValidTree();
        tree[3].Weight = 30; // under 1.1: 62.5 + 30
        tree[4].Source = "weather"; // an unknown source
        tree[7].ParentCode = "3"; // an unknown parent, which leaves 2.1 alone under 2
        tree.Add(Node("1.1.1.1", "1.1.1", "第四級", 100, "manual")); // level 4, under a leaf that keeps its scoring
        var request = new SetIndicatorSystemRequest { Year = 2037, Indicators = { tree }, RoutineShare = 30, AnnualShare = 60 };
        var error = await Assert.ThrowsAsync<RpcException>(() => Api.SetIndicatorSystemAsync(request, Clerk).ResponseAsync);

        var violations = Violations(error);
        Assert.Equal(
            ["annual_share", "indicators[1]", "indicators[2].scoring", "indicators[4].source", "indicators[5]", "indicators[7].parent_code", "indicators[8].parent_code"],
            violations.Select(v => v.Field).Order(StringComparer.Ordinal));
        Assert.Contains(violations, v => v.Field == "indicators[1]" && v.Description.Contains("under 1.1 依法決策") && v.Description.Contains("92.5,"));
        Assert.Contains(violations, v => v.Field == "indicators[5]" && v.Description.Contains("under 2 學法用法") && v.Description.Contains("add up to 50,"));
        Assert.Contains(violations, v => v.Field == "indicators[8].parent_code" && v.Description.Contains("level 4"));
        Assert.Contains(violations, v => v.Field == "indicators[7].parent_code" && v.Description.Contains("names 3"));
    }

    [Fact]
    public async Task Routine_and_annual_shares_add_up_to_100()
    {
        foreach (var (routine, annual, fields) in new[] { (30, 60, "annual_share"), (0, 0, "annual_share"), (-10, 110, "routine_share annual_share") })
        {
            var request = new SetIndicatorSystemRequest { Year = 2036, Indicators = { ValidTree() }, RoutineShare = routine, AnnualShare = annual };
            var error = await Assert.ThrowsAsync<RpcException>(() => Api.SetIndicatorSystemAsync(request, Clerk).ResponseAsync);
            Assert.Equal(fields.Split(' '), Violations(error).Select(v => v.Field));
        }
        var sum = await Assert.ThrowsAsync<RpcException>(() => Api.SetIndicatorSystemAsync(
            new SetIndicatorSystemRequest { Year = 2036, Indicators = { ValidTree() }, RoutineShare = 30, AnnualShare = 60 }, Clerk).ResponseAsync);
        Assert.Contains("add up to 90", Assert.Single(Violations(sum)).Description);

        // All routine, or all annual, is a valid choice.
        var annualOnly = await Api.SetIndicatorSystemAsync(new SetIndicatorSystemRequest { Year = 2036, Indicators = { ValidTree() }, AnnualShare = 100 }, Clerk);
        Assert.Equal((0, 100), (annualOnly.RoutineShare, annualOnly.AnnualShare));
    }

    [Fact]
    public async Task Weights_must_be_positive_with_two_decimals_at_most()
    {
        var tree = ValidTree();
        tree[2].Weight = 62.505;
        tree[4].Weight = 0;
        tree[6].Weight = -50;
        var violations = Violations(await RefusedAsync(2032, tree));
        Assert.Equal(["indicators[2].weight", "indicators[4].weight", "indicators[6].weight"], violations.Select(v => v.Field));
        Assert.Contains("two decimals", violations[0].Description);
    }

    [Fact]
    public async Task The_tree_has_at_most_three_levels_known_parents_unique_codes_and_no_cycle()
    {
        var tooDeep = ValidTree();
        tooDeep[2].Scoring = string.Empty;
        tooDeep.Add(Node("1.1.1.1", "1.1.1", "第四級", 100, "manual"));
        var deep = Assert.Single(Violations(await RefusedAsync(2033, tooDeep)));
        Assert.Equal("indicators[8].parent_code", deep.Field);
        Assert.Contains("level 4", deep.Description);

        var unknownParent = ValidTree();
        unknownParent[7].ParentCode = "3";
        // The missing parent, and what it leaves under 2 (2.1 alone, 50).
        var orphan = Violations(await RefusedAsync(2033, unknownParent));
        Assert.Equal(["indicators[7].parent_code", "indicators[5]"], orphan.Select(v => v.Field));
        Assert.Contains("add up to 50,", orphan[1].Description);

        var duplicate = ValidTree();
        duplicate[7].Code = "2.1";
        var twice = Assert.Single(Violations(await RefusedAsync(2033, duplicate)));
        Assert.Equal(("indicators[7].code", "2.1 is used by indicators[6] already"), (twice.Field, twice.Description));

        var cycle = new[] { Node("1", "", "依法行政", 100), Node("a", "b", "甲", 100), Node("b", "a", "乙", 100, "manual"), Node("1.1", "1", "乙", 100, "manual") };
        // The cycle, and b, a parent (of a), carrying a scoring method.
        Assert.Equal(["indicators[1].parent_code", "indicators[2].parent_code", "indicators[2].scoring"], Violations(await RefusedAsync(2033, cycle)).Select(v => v.Field));

        Assert.Equal(["year", "indicators"], Violations(await RefusedAsync(1999, [])).Select(v => v.Field));
    }

    [Fact]
    public async Task Every_leaf_and_only_a_leaf_has_a_scoring_method_with_what_it_needs()
    {
        var tree = ValidTree();
        tree[0].Scoring = "manual"; // a parent
        tree[2].Scoring = string.Empty; // a leaf without
        tree[3].Source = "weather"; // derived from an unknown source
        tree[4].Target = 3; // a target on a derived leaf
        tree[6].Target = 0; // a count without its target
        tree[6].Points = 1; // points on a count
        tree[7].Points = 0; // a derived leaf without its points rule
        var violations = Violations(await RefusedAsync(2034, tree));
        Assert.Equal(
            ["indicators[0].scoring", "indicators[2].scoring", "indicators[3].source", "indicators[4].target", "indicators[6].target", "indicators[6].points", "indicators[7].points"],
            violations.Select(v => v.Field));
        Assert.Contains("tasks_on_time", violations[2].Description);
        Assert.Equal("is for derived only", violations[5].Description);
        Assert.Contains("earns or costs", violations[6].Description);

        var fine = ValidTree();
        fine[3].Points = 0.125; // three decimals
        Assert.Contains("two decimals", Assert.Single(Violations(await RefusedAsync(2034, fine)), v => v.Field == "indicators[3].points").Description);
    }

    [Fact]
    public async Task Over_rest_the_gateway_path_sets_and_reads_and_a_bad_sum_is_a_400_naming_the_parent()
    {
        using var http = node.CreateClient();
        var tree = ValidTree();
        tree[3].Weight = 30;
        using (var response = await SendAsync(http, HttpMethod.Put, "/api/assessment/v1/indicator-systems/2035", new SetIndicatorSystemRequest { Indicators = { tree }, RoutineShare = 30, AnnualShare = 70 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            var violation = Assert.Single(body.GetProperty("details")[0].GetProperty("fieldViolations").EnumerateArray());
            Assert.Equal("indicators[1]", violation.GetProperty("field").GetString());
            Assert.Contains("add up to 92.5", violation.GetProperty("description").GetString());
        }
        using (var response = await SendAsync(http, HttpMethod.Put, "/api/assessment/v1/indicator-systems/2035", new SetIndicatorSystemRequest { Indicators = { ValidTree() }, RoutineShare = 30, AnnualShare = 70 }))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        using (var response = await SendAsync(http, HttpMethod.Get, "/api/assessment/v1/indicator-systems/2035", null))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(8, body.GetProperty("indicators").GetArrayLength());
            Assert.Equal("count_against_target", body.GetProperty("indicators")[6].GetProperty("scoring").GetString());
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, SetIndicatorSystemRequest? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.OfficeStaff());
        if (body is not null)
        {
            request.Content = new StringContent(Google.Protobuf.JsonFormatter.Default.Format(body), System.Text.Encoding.UTF8, "application/json");
        }
        return await http.SendAsync(request);
    }
}
