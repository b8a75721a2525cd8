using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Functional.Tests.Production;

/// <summary>An embedded node in a chosen environment, with settings and services applied after the defaults of the tests.</summary>
public sealed class ConfiguredNodeFactory(
    string environment,
    IReadOnlyDictionary<string, string?> settings,
    Action<IServiceCollection>? services = null) : EmbeddedNodeFactory
{
    protected override string EnvironmentName => environment;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
