using Microsoft.AspNetCore.Hosting;
using Platform.Testing.Access;

namespace Platform.Functional.Tests.Access;

/// <summary>An embedded node seeded once with the access scenario; every matrix test reuses it.</summary>
public sealed class AccessMatrixNode : EmbeddedNodeFactory, IAsyncLifetime
{
    public AccessScenario Scenario { get; private set; } = null!;

    protected override void ConfigureNode(IWebHostBuilder builder) =>
        // A thousand calls from a handful of users in seconds: the edge limiter would count them.
        builder.UseSetting("Edge:RateLimit:Enabled", "false");

    public async Task InitializeAsync() => Scenario = await AccessScenario.SeedAsync(CreateGrpcChannel(), Tokens);

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>The access matrix (Platform.Testing/Access/access-matrix.txt) against the embedded node, in process.</summary>
public sealed class AccessMatrixTests(AccessMatrixNode node) : IClassFixture<AccessMatrixNode>
{
    [Fact]
    public void Every_rpc_of_every_service_has_a_row()
    {
        // The descriptors really are read: every service of the node, the intake among them.
        Assert.Equal(
            ["AssessmentService", "AuditService", "ClueIntakeService", "DossierService", "EvaluationService", "FederationExchange", "FederationLinks", "InspectionService", "NotificationService", "PlanningService", "QualificationService", "RectificationService"],
            AccessMatrix.AllRpcs.Values.Select(m => m.Service.Name).Distinct().Order(StringComparer.Ordinal));
        Assert.True(AccessMatrix.AllRpcs.Count > 100, $"only {AccessMatrix.AllRpcs.Count} RPCs found in Platform.Contracts");
        var missing = AccessMatrix.RpcsWithoutRow();
        Assert.True(missing.Count == 0,
            $"These RPCs have no row in access-matrix.txt; add one per RPC (see docs/security.md, Access policy): {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_row_names_an_rpc_that_exists()
    {
        var unknown = AccessMatrix.Rows.Where(r => !AccessMatrix.AllRpcs.ContainsKey(r.Rpc)).Select(r => r.ToString()).ToList();
        Assert.True(unknown.Count == 0, "Rows for RPCs that do not exist: " + string.Join("; ", unknown));
    }

    [Fact]
    public async Task The_embedded_node_keeps_the_matrix()
    {
        var failures = await AccessMatrix.RunAsync(node.CreateGrpcChannel().CreateCallInvoker(), node.Scenario);
        Assert.True(failures.Count == 0, $"{failures.Count} cells differ from the matrix:\n" + string.Join("\n", failures));
    }
}
