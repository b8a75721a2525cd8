using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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

    [Fact]
    public async Task A_store_whose_history_lists_every_migration_is_not_migrated_again_at_start()
    {
        using var migrations = new MigrationsStarted(_directory);
        await StartAndStopAsync();
        Assert.True(migrations.Count > 0, "the fresh store was not migrated at its first start");

        var migratedOnFirstStart = migrations.Count;
        await StartAndStopAsync();

        Assert.Equal(migratedOnFirstStart, migrations.Count);
    }

    private async Task StartAndStopAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _directory, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:DataDirectory"] = _directory,
        });
        builder.AddPlatformStore<FederationDbContext, SqliteFederationDbContext, PostgresFederationDbContext>("federationdb");
        using var host = builder.Build();
        await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await host.StopAsync();
    }

    /// <summary>Counts EF's "migrating using connection" events (one per Migrate call) on the stores of one folder.</summary>
    private sealed class MigrationsStarted : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _directory;
        private readonly List<IDisposable> _subscriptions = [];
        private int _count;

        public MigrationsStarted(string directory)
        {
            _directory = directory;
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public int Count => Volatile.Read(ref _count);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(listener.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.MigrateUsingConnection.Name
                && value.Value is MigratorConnectionEventData data
                && data.Connection.DataSource.StartsWith(_directory, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }
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
