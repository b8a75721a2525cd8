using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Federation;
using Platform.BuildingBlocks.Persistence;
using Xunit;

namespace Platform.BuildingBlocks.Tests.Hosting;

public sealed class MigrateOnlyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("migrate-only-").FullName;

    [Fact]
    public async Task A_host_with_several_stores_migrates_every_one_then_stops()
    {
        // The gateway's shape: more than one store in one process, run as the chart's migration Job.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _directory, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:DataDirectory"] = _directory,
            ["Database:MigrateOnly"] = "true",
        });
        builder.AddPlatformStore<TestDbContext, TestDbContext, TestDbContext>("widgetdb");
        builder.AddPlatformStore<FederationDbContext, SqliteFederationDbContext, PostgresFederationDbContext>("federationdb");
        using var host = builder.Build();

        await host.RunAsync().WaitAsync(TimeSpan.FromSeconds(60));

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "federationdb.db")};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"__EFMigrationsHistory\"";
        Assert.True((long)(await command.ExecuteScalarAsync())! > 0, "the second store was not migrated");
    }

    [Fact]
    public async Task Sqlite_stores_migrate_side_by_side_and_later_hosted_services_start_on_migrated_stores()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _directory, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:DataDirectory"] = _directory,
        });
        builder.AddPlatformStore<TestDbContext, TestDbContext, TestDbContext>("widgetdb");
        builder.AddPlatformStore<FederationDbContext, SqliteFederationDbContext, PostgresFederationDbContext>("federationdb");
        // Registered after the stores, like the console's first-run account or the issuer's client registration.
        var probe = new MigratedAtStart(Path.Combine(_directory, "federationdb.db"));
        builder.Services.AddHostedService(_ => probe);
        using var host = builder.Build();

        await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await host.StopAsync();

        Assert.True(probe.AppliedMigrations > 0, "a hosted service registered after the migrators started before its store was migrated");
    }

    private sealed class MigratedAtStart(string file) : IHostedService
    {
        public long AppliedMigrations { get; private set; }

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using var connection = new SqliteConnection($"Data Source={file};Pooling=false");
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM \"__EFMigrationsHistory\"";
            AppliedMigrations = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
