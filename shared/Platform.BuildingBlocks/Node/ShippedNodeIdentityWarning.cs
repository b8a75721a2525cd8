using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.BuildingBlocks.Node;

/// <summary>
/// Outside Development, says loudly at start when Node:Id or Node:Name is still what the repository ships: every
/// document the node issues carries its name ("…（开发节点）"), and every write and event its id. It warns rather than
/// refuses, so a node started from the build output for a try-out still runs; the operator's settings are in
/// docs/configuration.md.
/// </summary>
public sealed partial class ShippedNodeIdentityWarning(IOptions<NodeOptions> node, IHostEnvironment environment, ILogger<ShippedNodeIdentityWarning> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = node.Value;
        if (!environment.IsDevelopment() && options.HasShippedIdentity)
        {
            LogShippedIdentity(logger, environment.EnvironmentName, options.Id, options.Name);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "THIS NODE STILL HAS THE SHIPPED DEVELOPMENT IDENTITY in the {Environment} environment: Node:Id '{NodeId}', Node:Name '{NodeName}'. "
        + "Every document it issues names it so. Set Node:Id, Node:Name, Node:Level and Node:RegionCode to the office this node serves "
        + "(for example Node__Name=… in the environment) before it issues anything.")]
    private static partial void LogShippedIdentity(ILogger logger, string environment, string nodeId, string nodeName);
}
