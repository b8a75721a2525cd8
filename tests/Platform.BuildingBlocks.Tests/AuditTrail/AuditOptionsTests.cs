using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.AuditTrail;
using Xunit;

namespace Platform.BuildingBlocks.Tests.AuditTrail;

public sealed class AuditOptionsTests
{
    [Fact]
    public void Every_service_store_is_sealed_unless_configured_otherwise()
    {
        Assert.Equal(["planning", "inspection", "rectification", "assessment", "notification"], Stores());
    }

    [Fact]
    public void A_shorter_configured_list_of_stores_replaces_the_default_instead_of_overlaying_it()
    {
        Assert.Equal(["rectification"], Stores(("Audit:Stores:0", "rectification")));
    }

    [Fact]
    public void A_gateway_without_a_checkpoint_key_refuses_to_start()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Stores(("Database:Provider", "Postgres")));
        Assert.Contains("Audit:CheckpointKey", error.Message, StringComparison.Ordinal);
    }

    private static string[] Stores(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Database:DataDirectory"] = Path.GetTempPath();
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }
        builder.AddPlatformAuditTrail();
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<AuditOptions>>().Value.Stores;
    }
}
