using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Tests;

/// <summary>Start-up failures end with their message and exit code 1; Development says so at start.</summary>
public sealed class HostMainTests
{
    [Fact]
    public async Task A_start_up_failure_ends_with_its_message_naming_the_setting_and_exit_code_1()
    {
        var error = new StringWriter();
        var code = await HostMain.RunAsync(() => throw new OptionsValidationException("Auth", typeof(object),
            ["Auth:SigningKeyFile '/etc/platform/token.key' does not exist."]), error, ownProcess: true);
        Assert.Equal(1, code);
        Assert.Contains("Auth:SigningKeyFile '/etc/platform/token.key' does not exist.", error.ToString());
        Assert.DoesNotContain(" at ", error.ToString());
    }

    [Fact]
    public async Task A_normal_exit_code_passes_through_and_the_test_hosts_abort_is_not_swallowed()
    {
        Assert.Equal(3, await HostMain.RunAsync(() => Task.FromResult(3), null, ownProcess: true));
        await Assert.ThrowsAsync<HostAbortedException>(() => HostMain.RunAsync(() => throw new HostAbortedException(), null, ownProcess: true));
        // Under a test host (Main is not the entry point) the failure reaches the test host unchanged.
        await Assert.ThrowsAsync<InvalidOperationException>(() => HostMain.RunAsync(() => throw new InvalidOperationException("x")));
    }

    [Fact]
    public void Development_is_announced_with_the_tokens_and_how_to_run_in_production()
    {
        var tokensOn = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:DevelopmentTokens"] = "true" }).Build();
        var warning = HostMain.DevelopmentWarning(new Environment(Environments.Development), tokensOn);
        Assert.NotNull(warning);
        Assert.Contains("development tokens are ON", warning);
        Assert.Contains("--launch-profile Production", warning);
        Assert.Contains("ASPNETCORE_ENVIRONMENT=Production", warning);
        Assert.Null(HostMain.DevelopmentWarning(new Environment(Environments.Production), tokensOn));
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "test";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
