using Microsoft.Extensions.Options;

namespace Platform.Functional.Tests.Production;

/// <summary>Console:PasswordHashIterations below its default is for Development (the tests' nodes) only.</summary>
public sealed class PasswordHashSettingTests
{
    [Fact]
    public void A_production_node_with_fewer_password_hash_iterations_than_the_default_refuses_to_start_and_names_the_setting()
    {
        using var node = new ConfiguredNodeFactory("Production", new Dictionary<string, string?>
        {
            ["Console:PasswordHashIterations"] = EmbeddedNodeFactory.TestPasswordHashIterations,
        });
        var error = Assert.ThrowsAny<OptionsValidationException>(() => node.Server);
        Assert.Contains("Console:PasswordHashIterations", error.Message);
    }
}
