using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Persistence;
using Xunit;

namespace Platform.BuildingBlocks.Tests;

public sealed class PooledContextTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pooled-context-").FullName;

    [Fact]
    public async Task A_store_context_is_leased_again_with_the_platform_settings_and_nothing_tracked()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _directory, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:DataDirectory"] = _directory,
        });
        builder.AddPlatformStore<TestDbContext, TestDbContext, TestDbContext>("widgetdb");
        using var host = builder.Build();

        TestDbContext first;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            first = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            // A request that changed what the next one relies on, and left something tracked.
            first.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
            first.ChangeTracker.AutoDetectChangesEnabled = false;
            first.Widgets.Add(new Widget { Id = Guid.CreateVersion7(), Name = "left over" });
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var second = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            Assert.Same(first, second);
            // Every save on SQLite opens a transaction, so even a one-statement save queues at the write gate.
            Assert.Equal(AutoTransactionBehavior.Always, second.Database.AutoTransactionBehavior);
            Assert.True(second.ChangeTracker.AutoDetectChangesEnabled);
            Assert.Empty(second.ChangeTracker.Entries());
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
