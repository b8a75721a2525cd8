using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Persistence;

namespace Platform.BuildingBlocks.AuditTrail;

/// <summary>
/// The audit tables of one service's store, seen from the edge. It maps those two tables only,
/// so the edge needs no module: the services own the schema (their migrations create the tables).
/// </summary>
public sealed class AuditStoreContext(DbContextOptions<AuditStoreContext> options) : DbContext(options)
{
    public DbSet<AuditEntry> Entries => Set<AuditEntry>();

    public DbSet<AuditCheckpoint> Checkpoints => Set<AuditCheckpoint>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new AuditEntryConfiguration());
        modelBuilder.ApplyConfiguration(new AuditCheckpointConfiguration());
        // Only the sealer writes through this context: an entry another sealer chained in the
        // meantime is no longer "Sequence IS NULL", so the second update fails instead of overwriting.
        modelBuilder.Entity<AuditEntry>().Property(e => e.Sequence).IsConcurrencyToken();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        PlatformDbContext.ApplyProviderConventions(configurationBuilder, Database);
}

/// <summary>Opens the audit tables of each store named by Audit:Stores, on the node's database provider.</summary>
public sealed class AuditStores
{
    private readonly Dictionary<string, DbContextOptions<AuditStoreContext>> _stores = new(StringComparer.Ordinal);

    public AuditStores(IConfiguration configuration, IHostEnvironment environment, IOptions<AuditOptions> options, SqliteWriteGate gate)
    {
        var database = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        foreach (var service in options.Value.Stores)
        {
            var connectionString = DatabaseSetup.ResolveConnectionString(configuration, database, service + "db", environment.ContentRootPath);
            var builder = new DbContextOptionsBuilder<AuditStoreContext>();
            _stores[service] = (database.Provider == DatabaseProvider.Postgres
                ? builder.UseNpgsql(connectionString)
                // The sealer's transactions queue with the service's own writers on the same file.
                : builder.UseSqlite(connectionString)
                    .AddInterceptors(new SqliteWriteGateInterceptor(gate), new SqliteConnectionSettingsInterceptor(database.SqliteSynchronous))).Options;
        }
    }

    public IReadOnlyCollection<string> Services => _stores.Keys;

    public bool Contains(string service) => _stores.ContainsKey(service);

    public AuditStoreContext Open(string service) => new(_stores[service]);
}
