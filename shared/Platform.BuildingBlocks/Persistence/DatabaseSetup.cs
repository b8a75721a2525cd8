using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Outbox;

namespace Platform.BuildingBlocks.Persistence;

public static class DatabaseSetup
{
    /// <summary>
    /// Registers a service's DbContext on the provider named by Database:Provider. Each
    /// provider has its own migrations, kept on a provider-specific subclass of the context
    /// (<typeparamref name="TSqlite"/>, <typeparamref name="TPostgres"/>), while the
    /// module's code only ever asks for <typeparamref name="TContext"/>.
    /// Also registers the migration at start-up, the database health check and the
    /// outbox dispatcher of this context.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformDbContext<TContext, TSqlite, TPostgres>(
        this IHostApplicationBuilder builder, string connectionName)
        where TContext : PlatformDbContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = ResolveConnectionString(builder.Configuration, options, connectionName, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton<OutboxSignal<TContext>>();
        builder.Services.AddSingleton<OutboxSignalInterceptor<TContext>>();
        builder.Services.TryAddSingleton<EventStamper>();
        builder.Services.TryAddSingleton<DomainEventInterceptor>();
        // The store's audit trail: planningdb holds planning's entries.
        var service = connectionName.EndsWith("db", StringComparison.Ordinal) ? connectionName[..^2] : connectionName;
        builder.Services.AddKeyedSingleton(service, (sp, _) => new AuditWriteInterceptor(sp.GetRequiredService<AuditRecorder>(), service));
        builder.Services.TryAddSingleton<AuditRecorder>();
        builder.Services.TryAddSingleton<AuditEntryKey>();
        builder.Services.AddKeyedScoped<PlatformDbContext>(AuditReadInterceptor.StoreKey(service), (sp, _) => sp.GetRequiredService<TContext>());

        void Configure(IServiceProvider sp, DbContextOptionsBuilder db)
        {
            // Domain events become outbox rows first, so the audit trail and the signal see them as part of the save.
            db.AddInterceptors(
                sp.GetRequiredService<DomainEventInterceptor>(),
                sp.GetRequiredService<OutboxSignalInterceptor<TContext>>(),
                sp.GetRequiredKeyedService<AuditWriteInterceptor>(service));
        }

        if (options.Provider == DatabaseProvider.Postgres)
        {
            builder.Services.AddDbContext<TContext, TPostgres>((sp, db) =>
            {
                // No retrying execution strategy: it forbids the explicit transactions that keep read
                // models in step with their writes. Publishing retries through the outbox instead.
                db.UseNpgsql(connectionString);
                Configure(sp, db);
            });
        }
        else
        {
            builder.Services.AddDbContext<TContext, TSqlite>((sp, db) =>
            {
                db.UseSqlite(connectionString);
                Configure(sp, db);
            });
        }

        builder.Services.AddSingleton(new DatabaseDescription<TContext>(options.Provider));
        if (options.MigrateOnStartup)
        {
            builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        }
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TContext>>(connectionName, HealthStatus.Unhealthy, ["ready", "db"]);
        builder.Services.AddHostedService<OutboxDispatcher<TContext>>();
        return builder;
    }

    internal static string ResolveConnectionString(IConfiguration configuration, DatabaseOptions options, string name, string contentRoot)
    {
        var configured = configuration.GetConnectionString(name);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }
        if (options.Provider == DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException($"Database:Provider is Postgres but ConnectionStrings:{name} is not set.");
        }
        var directory = Path.GetFullPath(options.DataDirectory, contentRoot);
        Directory.CreateDirectory(directory);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, name + ".db"),
            Pooling = true,
        }.ToString();
    }
}

/// <summary>Which provider a context runs on, for the service description.</summary>
public sealed record DatabaseDescription<TContext>(DatabaseProvider Provider);

/// <summary>Applies pending migrations before the service starts listening.</summary>
internal sealed class DatabaseMigrator<TContext>(IServiceProvider services) : IHostedService
    where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets readers go on while the outbox dispatcher writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        await db.Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Healthy when the service's database answers a query.</summary>
internal sealed class DatabaseHealthCheck<TContext>(TContext db) : IHealthCheck
    where TContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database does not answer.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", ex);
        }
    }
}
