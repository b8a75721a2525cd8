using Platform.Testing.Access;

namespace Platform.Integration.Tests;

/// <summary>
/// The access matrix (Platform.Testing/Access/access-matrix.txt) through the distributed node's
/// gateway, on PostgreSQL, RabbitMQ and Redis: the same rows as in process, so the edge, the routes
/// and the services' own checks agree. Seeded once, then about twelve hundred calls.
/// </summary>
[Collection(DistributedNodeCollection.Name)]
public sealed class AccessMatrixDistributedTests(DistributedNode node)
{
    [SkippableFact]
    public async Task The_gateway_keeps_the_matrix()
    {
        node.SkipIfUnavailable();
        using var channel = node.CreateGatewayChannel();
        var scenario = await AccessScenario.SeedAsync(channel, node.Tokens);
        var failures = await AccessMatrix.RunAsync(channel.CreateCallInvoker(), scenario);
        Assert.True(failures.Count == 0, $"{failures.Count} cells differ from the matrix:\n" + string.Join("\n", failures));
    }
}
