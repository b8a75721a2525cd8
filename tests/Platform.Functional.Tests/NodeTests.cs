using Grpc.Reflection.V1Alpha;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.AllInOne;
using Platform.BuildingBlocks.Auth;
using Platform.Contracts.Common.V1;
using Platform.Contracts.Planning.V1;

namespace Platform.Functional.Tests;

/// <summary>What an operator and a newcomer rely on: health, reflection, development tokens, the service description.</summary>
[Collection(EmbeddedNodeCollection.Name)]
public sealed class NodeTests(EmbeddedNodeFactory node)
{
    [Fact]
    public async Task Health_reports_every_database_and_the_bus()
    {
        using var response = await node.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        var checks = report.GetProperty("checks").EnumerateObject().Select(c => c.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "planningdb", "inspectiondb", "rectificationdb", "assessmentdb", "notificationdb", "masstransit-bus" }, checks);

        using var alive = await node.CreateClient().GetAsync("/alive");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task Reflection_lists_the_five_services_without_a_token()
    {
        var reflection = new ServerReflection.ServerReflectionClient(node.CreateGrpcChannel());
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Superset(new HashSet<string>
        {
            "platform.planning.v1.PlanningService",
            "platform.inspection.v1.InspectionService",
            "platform.rectification.v1.RectificationService",
            "platform.assessment.v1.AssessmentService",
            "platform.notification.v1.NotificationService",
            "platform.audit.v1.AuditService",
        }, services.ToHashSet());
    }

    [Fact]
    public async Task Development_token_endpoint_issues_a_working_token()
    {
        var http = node.CreateClient();
        using var issued = await http.PostAsJsonAsync("/dev/tokens", new { userId = "clerk-dev", roles = new[] { "office_staff" } });
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

        var planning = new PlanningService.PlanningServiceClient(node.CreateGrpcChannel());
        var units = await planning.ListUnitsAsync(new ListUnitsRequest(), SliceScenario.Bearer(token));
        Assert.NotNull(units);

        using var bad = await http.PostAsJsonAsync("/dev/tokens", new { userId = "", roles = new[] { "emperor" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.Contains("userId", problem);
        Assert.Contains("roles", problem);
    }

    [Fact]
    public void Development_token_command_prints_a_token()
    {
        var command = DevTokenCommand.TryParse(["token", "--user", "liaison1", "--role", "unit_liaison", "--unit", Guid.CreateVersion7().ToString()], out _);
        Assert.NotNull(command);
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(0, command.Run(node.Services, output, error));
        Assert.Equal(3, output.ToString().Trim().Split('.').Length);

        var missingRole = DevTokenCommand.TryParse(["token", "--user", "x"], out _)!;
        Assert.Equal(2, missingRole.Run(node.Services, output, error));
        Assert.Contains("usage", error.ToString());
    }

    [Fact]
    public async Task Describe_service_tells_the_operator_storage_and_outbox_state()
    {
        var planning = new PlanningService.PlanningServiceClient(node.CreateGrpcChannel());
        var description = await planning.DescribeServiceAsync(new DescribeServiceRequest(), SliceScenario.Bearer(node.Tokens.Issue("op", null, "node_operator")));
        Assert.Equal("planning", description.Service);
        Assert.Equal(EmbeddedNodeFactory.NodeId, description.NodeId);
        Assert.Equal("Sqlite", description.DatabaseProvider);
        Assert.Equal("InMemory", description.MessagingTransport);
        // The newest migration of planning's store, whatever its name.
        using (var scope = node.Services.CreateScope())
        {
            var migrations = scope.ServiceProvider.GetRequiredService<Platform.Planning.Module.Infrastructure.PlanningDbContext>().Database.GetMigrations();
            Assert.Equal(migrations.Last(), description.SchemaVersion);
        }

        var liaison = SliceScenario.Bearer(node.Tokens.Liaison(Guid.CreateVersion7()));
        var denied = await Assert.ThrowsAsync<RpcException>(() => planning.DescribeServiceAsync(new DescribeServiceRequest(), liaison).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }
}

[Collection(ProductionNodeCollection.Name)]
public sealed class ProductionNodeTests(ProductionNodeFactory node)
{
    [Fact]
    public async Task Development_tokens_are_off_outside_development()
    {
        using var response = await node.CreateClient().PostAsJsonAsync("/dev/tokens", new { userId = "x", roles = new[] { "office_staff" } });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        var command = DevTokenCommand.TryParse(["token", "--user", "x", "--role", "office_staff"], out _)!;
        var error = new StringWriter();
        Assert.Equal(2, command.Run(node.Services, new StringWriter(), error));
        Assert.Contains("Development", error.ToString());
    }

    [Fact]
    public async Task The_operator_mints_a_token_with_the_nodes_key_outside_development()
    {
        var command = TokenCommand.TryParseOperator(["mint-token", "--user", "ops", "--role", "node_operator"], out var rest)!;
        Assert.Empty(rest);
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(0, command.Run(node.Services, output, error));
        // stdout holds the token and nothing else, so TOKEN=$(...) captures exactly it.
        var token = output.ToString().TrimEnd('\n');
        Assert.Equal(3, token.Split('.').Length);
        Assert.DoesNotContain('\n', token);

        var planning = new PlanningService.PlanningServiceClient(node.CreateGrpcChannel());
        var description = await planning.DescribeServiceAsync(new DescribeServiceRequest(), SliceScenario.Bearer(token));
        Assert.Equal("planning", description.Service);

        var unknownRole = TokenCommand.TryParseOperator(["mint-token", "--user", "ops", "--role", "emperor"], out _)!;
        Assert.Equal(2, unknownRole.Run(node.Services, new StringWriter(), error));
        Assert.Contains("emperor", error.ToString());
    }
}
