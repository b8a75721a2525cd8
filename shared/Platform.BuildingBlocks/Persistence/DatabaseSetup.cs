using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;
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
    /// outbox dispatcher of this context. Interceptors registered as <see cref="IStoreInterceptor{TContext}"/> are added to the
    /// context too.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformDbContext<TContext, TSqlite, TPostgres>(
        this IHostApplicationBuilder builder, string connectionName)
        where TContext : PlatformDbContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
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
        builder.Services.AddKeyedSingleton(AuditReadInterceptor.StoreKey(service), (sp, _) => new AuditReadWriter(sp.GetRequiredService<IServiceScopeFactory>(), service));

        var options = AddStore<TContext, TSqlite, TPostgres>(
            builder,
            connectionName,
            (sp, db) =>
            {
                // Domain events become outbox rows first, so the audit trail and the signal see them as part of the save.
                db.AddInterceptors(
                    sp.GetRequiredService<DomainEventInterceptor>(),
                    sp.GetRequiredService<OutboxSignalInterceptor<TContext>>(),
                    sp.GetRequiredKeyedService<AuditWriteInterceptor>(service));
                // What the store adds of its own (the federation store's delivery signal).
                db.AddInterceptors(sp.GetServices<IStoreInterceptor<TContext>>());
            },
            // Reads retry a transient failure; writes do not (see ReadRetryingExecutionStrategy):
            // publishing retries through the outbox, callers on Unavailable with Retry-After.
            npgsql => npgsql.ExecutionStrategy(dependencies => new ReadRetryingExecutionStrategy(dependencies)));
        builder.Services.AddSingleton(new DatabaseDescription<TContext>(options.Provider));
        builder.Services.AddHostedService<OutboxDispatcher<TContext>>();
        return builder;
    }

    /// <summary>
    /// A store that is not a service's: no outbox, no events, no audit interceptor (for example the
    /// console's accounts). Same provider choice, provider-specific migrations, migration at start-up
    /// and health check as <see cref="AddPlatformDbContext{TContext, TSqlite, TPostgres}"/>.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformStore<TContext, TSqlite, TPostgres>(
        this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
        AddStore<TContext, TSqlite, TPostgres>(builder, connectionName, configure: null, npgsqlOptions: null);
        return builder;
    }

    /// <summary>
    /// What every store shares: the context on the configured provider, its migration at start-up
    /// and its health check. Returns the database options it read.
    /// Contexts are pooled: a request leases one whose options and EF services are already built
    /// (initialising a new context was about a tenth of a read's running time, ADR 0026). The options
    /// are therefore built once from the root provider, so everything they take (interceptors) is a
    /// singleton, and a context keeps no state of its own beyond EF's, which the pool resets.
    /// </summary>
    private static DatabaseOptions AddStore<TContext, TSqlite, TPostgres>(
        IHostApplicationBuilder builder,
        string connectionName,
        Action<IServiceProvider, DbContextOptionsBuilder>? configure,
        Action<NpgsqlDbContextOptionsBuilder>? npgsqlOptions)
        where TContext : DbContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = ResolveConnectionString(builder.Configuration, options, connectionName, builder.Environment.ContentRootPath);
        if (options.Provider == DatabaseProvider.Postgres)
        {
            builder.Services.AddDbContextPool<TContext, TPostgres>((sp, db) =>
            {
                db.UseNpgsql(connectionString, npgsql =>
                {
                    npgsql.UseParameterizedCollectionMode(CollectionParameters);
                    npgsqlOptions?.Invoke(npgsql);
                });
                SkipModelCheckAtStart(db);
                configure?.Invoke(sp, db);
            });
        }
        else
        {
            builder.Services.TryAddSingleton<SqliteWriteGate>();
            builder.Services.TryAddSingleton<SqliteWriteGateInterceptor>();
            builder.Services.TryAddSingleton(new SqliteConnectionSettingsInterceptor(options.SqliteSynchronous));
            builder.Services.AddDbContextPool<TContext, TSqlite>((sp, db) =>
            {
                db.UseSqlite(connectionString, sqlite => sqlite.UseParameterizedCollectionMode(CollectionParameters));
                db.AddInterceptors(sp.GetRequiredService<SqliteWriteGateInterceptor>(), sp.GetRequiredService<SqliteConnectionSettingsInterceptor>());
                SkipModelCheckAtStart(db);
                configure?.Invoke(sp, db);
            });
        }
        builder.Services.AddHostedService(sp => new DatabaseMigrator<TContext>(sp, options));
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TContext>>(connectionName, HealthStatus.Unhealthy, ["ready", "db"]);
        return options;
    }

    /// <summary>
    /// Migrating at start, EF first compares the store's model with its migrations' snapshot unless its
    /// PendingModelChangesWarning is ignored: a second model build and a diff per store, about a fifth of an
    /// embedded node's start-up CPU for its eight stores, on every start. The comparison runs in the tests instead
    /// (StoreMigrationTests), once per store and provider, where a missing migration can still be added.
    /// </summary>
    private static void SkipModelCheckAtStart(DbContextOptionsBuilder db) =>
        db.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

    /// <summary>
    /// A list in a query (<c>ids.Contains(x.Id)</c>) goes to the database as one parameter (SQLite's
    /// json_each, PostgreSQL's array). EF 10's default writes one SQL parameter per item instead, so the
    /// SQL depends on the list's length and EF cannot cache it: every execution of such a query generated
    /// its SQL again under a lock that all callers of that query share, and a liaison's inbox page (two
    /// such lists) was serialised on it (docs/benchmarks.md, "Reads, gateway, startup and memory").
    /// </summary>
    internal const ParameterTranslationMode CollectionParameters = ParameterTranslationMode.Parameter;

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

/// <summary>An interceptor that <see cref="DatabaseSetup.AddPlatformDbContext{TContext, TSqlite, TPostgres}"/> adds to every <typeparamref name="TContext"/>.</summary>
public interface IStoreInterceptor<TContext> : Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor;

/// <summary>Which provider a context runs on, for the service description.</summary>
public sealed record DatabaseDescription<TContext>(DatabaseProvider Provider);

/// <summary>
/// Before the service starts listening: refuses a database that a newer version migrated
/// (a roll-back of the code over a rolled-forward schema would misread its tables), then
/// applies pending migrations (Database:MigrateOnStartup) and, with Database:MigrateOnly, stops
/// once every store's migrator has started: a host with several stores (the gateway's federationdb
/// and consoledb) migrates all of them, where stopping at the first would cancel the next ones.
/// </summary>
internal sealed class DatabaseMigrator<TContext>(IServiceProvider services, DatabaseOptions options) : IHostedLifecycleService
    where TContext : DbContext
{
    private Task? _migration;

    /// <summary>
    /// The host calls every lifecycle service's StartingAsync before any StartAsync: each SQLite
    /// store (a file of its own) starts its check and migration here, so a node's stores migrate side
    /// by side rather than one after the other (most of it is building each context's model), and
    /// <see cref="StartAsync"/> awaits this store's, so every hosted service registered after the
    /// migrators still starts on migrated stores. PostgreSQL stores may share one database (and
    /// its migrations history), so they keep migrating one at a time in StartAsync.
    /// </summary>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            _migration = Task.Run(() => MigrateAsync(cancellationToken), cancellationToken);
        }
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => _migration ?? MigrateAsync(cancellationToken);

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var current = false;
        if (await db.Database.CanConnectAsync(cancellationToken))
        {
            var known = db.Database.GetMigrations().ToList();
            var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
            var unknown = UnknownMigrations(known, applied);
            if (unknown.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The database of {typeof(TContext).Name} has migrations this version does not know ({string.Join(", ", unknown)}): " +
                    "a newer version migrated it. Run that version or newer, or restore the backup taken before the upgrade (docs/operations.md).");
            }
            current = PendingMigrations(known, applied).Count == 0;
        }
        if (options.MigrateOnStartup || options.MigrateOnly)
        {
            if (db.Database.IsSqlite())
            {
                // Write-ahead logging lets readers go on while the outbox dispatcher writes.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
            // A store whose history already lists every migration of this build is left alone: EF's Migrate
            // would take the migrations lock, create the history table if missing and read the history again,
            // on every start of every store (issue 18, ADR 0026). The history read above decides it once.
            if (!current)
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
        }
    }

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (options.MigrateOnly)
        {
            services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        }
        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Applied migrations this build has no migration for, in the order they were applied.</summary>
    internal static IReadOnlyList<string> UnknownMigrations(IEnumerable<string> known, IEnumerable<string> applied)
    {
        var knownSet = known.ToHashSet(StringComparer.Ordinal);
        return applied.Where(m => !knownSet.Contains(m)).ToList();
    }

    /// <summary>Migrations of this build that the store's history does not list yet, in this build's order.</summary>
    internal static IReadOnlyList<string> PendingMigrations(IEnumerable<string> known, IEnumerable<string> applied)
    {
        var appliedSet = applied.ToHashSet(StringComparer.Ordinal);
        return known.Where(m => !appliedSet.Contains(m)).ToList();
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
