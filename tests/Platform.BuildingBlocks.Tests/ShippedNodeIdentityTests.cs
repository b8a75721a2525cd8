using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Node;
using Platform.BuildingBlocks.Tests.Federation;

namespace Platform.BuildingBlocks.Tests;

public sealed class ShippedNodeIdentityTests
{
    [Theory]
    [InlineData("dev", "南通市委全面依法治市委员会办公室（开发节点）", "Production", true)]
    [InlineData("nantong", "南通市委全面依法治市委员会办公室（开发节点）", "Production", true)]
    [InlineData("dev", "南通市委全面依法治市委员会办公室", "Staging", true)]
    [InlineData("nantong", "南通市委全面依法治市委员会办公室", "Production", false)]
    [InlineData("dev", "开发节点", "Development", false)]
    public async Task Outside_development_a_node_with_the_shipped_id_or_name_warns_at_start(string id, string name, string environment, bool warns)
    {
        using var logs = new RecordingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var check = new ShippedNodeIdentityWarning(
            Options.Create(new NodeOptions { Id = id, Name = name }),
            new Environment(environment),
            factory.CreateLogger<ShippedNodeIdentityWarning>());

        await check.StartAsync(CancellationToken.None);

        var warning = logs.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).SingleOrDefault();
        Assert.Equal(warns, warning is not null);
        if (warns)
        {
            Assert.Contains("SHIPPED DEVELOPMENT IDENTITY", warning, StringComparison.Ordinal);
            Assert.Contains(name, warning, StringComparison.Ordinal);
            Assert.Contains("Node:Name", warning, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_defaults_are_the_shipped_identity() => Assert.True(new NodeOptions().HasShippedIdentity);

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "test";

        public string ContentRootPath { get; set; } = "";

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
