using System.Text.Json;

namespace Platform.Architecture.Tests;

/// <summary>
/// `dotnet run` applies a launch profile's environment over ASPNETCORE_ENVIRONMENT, so every
/// host must offer a Production profile: `dotnet run --launch-profile Production` is then the one
/// unambiguous way to run a node from source in production.
/// </summary>
public sealed class LaunchProfileTests
{
    public static TheoryData<string> Hosts() => new(
        "services/Platform.AllInOne",
        "gateway/Platform.Gateway",
        "services/Planning/Platform.Planning.Api",
        "services/Inspection/Platform.Inspection.Api",
        "services/Rectification/Platform.Rectification.Api",
        "services/Assessment/Platform.Assessment.Api",
        "services/Notification/Platform.Notification.Api");

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Every_host_has_a_production_profile(string host)
    {
        var path = Path.Combine(ModuleBoundaryTests.RepositoryRoot(), host, "Properties", "launchSettings.json");
        using var settings = JsonDocument.Parse(File.ReadAllText(path));
        var profile = settings.RootElement.GetProperty("profiles").GetProperty("Production");
        Assert.Equal("Project", profile.GetProperty("commandName").GetString());
        Assert.Equal("Production", profile.GetProperty("environmentVariables").GetProperty("ASPNETCORE_ENVIRONMENT").GetString());
    }

    [Fact]
    public void The_embedded_node_creates_its_own_key_in_development_only()
    {
        var root = ModuleBoundaryTests.RepositoryRoot();
        using var production = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "services/Platform.AllInOne/appsettings.json")));
        var auth = production.RootElement.GetProperty("Auth");
        Assert.False(auth.TryGetProperty("CreateKeyFileIfMissing", out _));
        Assert.False(auth.TryGetProperty("DevelopmentTokens", out _));
        using var development = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "services/Platform.AllInOne/appsettings.Development.json")));
        Assert.True(development.RootElement.GetProperty("Auth").GetProperty("CreateKeyFileIfMissing").GetBoolean());
    }
}
