using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Platform.BuildingBlocks.AuditTrail;
using Platform.BuildingBlocks.Kernel.Events;
using Platform.BuildingBlocks.Outbox;

namespace Platform.BuildingBlocks.Persistence;

/// <summary>
/// Base of every service's DbContext: it carries the outbox and inbox tables, so an event
/// is stored in the same transaction as the change that raised it.
/// </summary>
public abstract class PlatformDbContext : DbContext
{
    protected PlatformDbContext(DbContextOptions options)
        : base(options)
    {
        if (Database.IsSqlite())
        {
            // Even a one-statement save opens a transaction, so it queues at the write gate (SqliteWriteGate)
            // instead of meeting SQLite's busy lock; SQLite makes such a statement a transaction anyway.
            Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
        }
    }

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<ProcessedMessage> ProcessedMessages => Set<ProcessedMessage>();

    /// <summary>This store's audit trail, appended in the same transaction as the writes it records.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (!ChangeTracker.AutoDetectChangesEnabled)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        DetectingChangesOnceAsync(() => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken));

    /// <summary>
    /// Runs a save with the changes detected once, up front. Each <c>ChangeTracker.Entries</c> of the
    /// save's hooks (domain events, audit, a module's projections) otherwise detects them again
    /// over every tracked entity: for an AssignTask to 2,000 units that was 20 s of 30 in a
    /// profile (issue 18). The hooks only add entities, which needs no detection.
    /// </summary>
    protected async Task<int> DetectingChangesOnceAsync(Func<Task<int>> save)
    {
        if (!ChangeTracker.AutoDetectChangesEnabled)
        {
            return await save();
        }
        ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await save();
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    /// <summary>Queues an integration event to be published once this context's changes commit.</summary>
    public void AddIntegrationEvent<TEvent>(TEvent integrationEvent)
        where TEvent : class, Contracts.Events.IIntegrationEvent =>
        OutboxMessages.Add(OutboxMessage.Create(integrationEvent));

    /// <summary>The module's domain-to-integration event map, built once per context type.</summary>
    private DomainEventMap EventMap => DescribedOnce<DomainEventMap>(MapDomainEvents);

    /// <summary>Names, for each domain event the module's aggregates record, the integration event it publishes.</summary>
    protected virtual void MapDomainEvents(DomainEventMap map)
    {
    }

    /// <summary>
    /// Turns the events the tracked aggregates recorded into outbox rows of this save, all with one
    /// stamp. Taken events are forgotten by their aggregates, so a retried save does not add them twice
    /// (the rows it added are still tracked).
    /// </summary>
    internal void MoveDomainEventsToOutbox(Func<Audit> stamp)
    {
        var recorded = ChangeTracker.Entries<IHasDomainEvents>()
            .SelectMany(entry => entry.Entity.TakeDomainEvents())
            .OrderBy(e => e.Sequence)
            .ToList();
        if (recorded.Count == 0)
        {
            return;
        }
        var now = stamp();
        foreach (var (_, domainEvent) in recorded)
        {
            OutboxMessages.Add(OutboxMessage.Create(EventMap.Map(domainEvent, now)));
        }
    }

    /// <summary>The module's words for clashes on its unique keys, built once per context type.</summary>
    internal UniqueKeyMessages UniqueKeys => DescribedOnce<UniqueKeyMessages>(DescribeUniqueKeys);

    private static readonly ConcurrentDictionary<(Type Context, Type Description), object> Descriptions = new();

    /// <summary>What a module describes about its context by overriding a hook, built once per context type and shared by every instance.</summary>
    private T DescribedOnce<T>(Action<T> describe)
        where T : class, new() =>
        (T)Descriptions.GetOrAdd((GetType(), typeof(T)), _ =>
        {
            var description = new T();
            describe(description);
            return description;
        });

    /// <summary>
    /// Names the unique keys whose clash (two people creating the same thing at once) deserves the
    /// domain's words; every other key gets a message naming the key and the clashing values.
    /// </summary>
    protected virtual void DescribeUniqueKeys(UniqueKeyMessages keys)
    {
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration());
        modelBuilder.ApplyConfiguration(new ProcessedMessageConfiguration());
        modelBuilder.ApplyConfiguration(new AuditEntryConfiguration());
        modelBuilder.ApplyConfiguration(new AuditCheckpointConfiguration());
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Conventions.Add(_ => new ClientGeneratedKeysConvention());
        ApplyProviderConventions(configurationBuilder, Database);
    }

    /// <summary>Conventions every context on the platform's stores shares, so they read each other's rows alike.</summary>
    internal static void ApplyProviderConventions(ModelConfigurationBuilder configurationBuilder, Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database)
    {
        if (database.IsSqlite())
        {
            // SQLite has no date-time type: stored as text, DateTimeOffset cannot be compared or
            // ordered in SQL. Times are always UTC here, so ticks keep the order.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }
}
