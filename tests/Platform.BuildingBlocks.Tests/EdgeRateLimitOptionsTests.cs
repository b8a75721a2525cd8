using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Edge;

namespace Platform.BuildingBlocks.Tests;

public sealed class EdgeRateLimitOptionsTests
{
    private static EdgeRateLimitOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddEdgeRateLimitOptions(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<EdgeRateLimitOptions>>().Value;
    }

    [Fact]
    public void Configured_key_paths_replace_the_default_list()
    {
        var options = Bind(new() { ["Edge:RateLimit:KeyPaths:0"] = "/api/partner/intake" });

        Assert.Equal(["/api/partner/intake"], options.KeyPaths);
    }

    [Fact]
    public void Without_configured_key_paths_the_clue_intake_is_the_default()
    {
        var options = Bind(new() { ["Edge:RateLimit:PermitLimit"] = "5" });

        Assert.Equal(["/api/inspection/intake", "/platform.inspection.v1.ClueIntakeService"], options.KeyPaths);
        Assert.Equal(5, options.PermitLimit);
    }
}
