using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.BuildingBlocks.AuditTrail;

/// <summary>
/// One line of a store's audit trail (审计日志): a write or a read of confidential material.
/// Appended in the writer's own transaction without its chain fields; the sealer later gives
/// it the next <see cref="Sequence"/> and chains it by hash. Holds names and ids, never content,
/// so the auditor who reads it sees no case material.
/// </summary>
public sealed class AuditEntry
{
    public const string SystemUser = "system";

    /// <summary>Insertion number in this store (database identity); ties the entry to its place.</summary>
    public long Position { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string NodeId { get; set; } = string.Empty;

    /// <summary>The service whose store holds the entry (planning, inspection, ...).</summary>
    public string Service { get; set; } = string.Empty;

    /// <summary>Subject of the caller's token, or "system" for consumers and background jobs.</summary>
    public string UserId { get; set; } = string.Empty;

    /// <summary>The caller's address as the process saw it ("client via proxy" behind the gateway).</summary>
    public string ClientAddress { get; set; } = string.Empty;

    /// <summary>The RPC or endpoint that did it (/platform.rectification.v1.RectificationService/VerifyItem).</summary>
    public string Action { get; set; } = string.Empty;

    /// <summary>create, update, delete or read.</summary>
    public string Operation { get; set; } = string.Empty;

    /// <summary>Table of the entity (rectification_items), or the kind of thing read.</summary>
    public string EntityType { get; set; } = string.Empty;

    public string EntityId { get; set; } = string.Empty;

    /// <summary>Names of changed columns, or the filters of a read; never values.</summary>
    public string Detail { get; set; } = string.Empty;

    /// <summary>
    /// HMAC-SHA256 of the entry's fields under the node's entry key (<see cref="AuditEntryMac"/>),
    /// set by the service that appends it: a row inserted directly in the database has none that
    /// fits, and the sealer refuses to chain it. Null when the node has no entry key.
    /// </summary>
    public string? Mac { get; set; }

    /// <summary>Place in the chain, from 1; null until sealed.</summary>
    public long? Sequence { get; set; }

    public string? PreviousHash { get; set; }

    public string? Hash { get; set; }

    public static DateTimeOffset Truncate(DateTimeOffset at) =>
        // Hashes and signatures must see the value the database gives back: PostgreSQL keeps
        // microseconds, the SQLite mapping about a tenth of a millisecond; milliseconds survive both.
        new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
}

/// <summary>
/// A signed statement that a store's chain had <see cref="Hash"/> at <see cref="Sequence"/>.
/// Checkpoints form a chain of their own: each has the next <see cref="Number"/> (from 1) and signs
/// the hash of the previous checkpoint, so a deleted, replaced or reordered checkpoint shows.
/// </summary>
public sealed class AuditCheckpoint
{
    /// <summary>Place in the checkpoint chain, from 1.</summary>
    public long Number { get; set; }

    /// <summary>The last entry the checkpoint covers.</summary>
    public long Sequence { get; set; }

    /// <summary><see cref="AuditChain.CheckpointHash"/> of the previous checkpoint; <see cref="AuditChain.Genesis"/> for number 1.</summary>
    public string PreviousCheckpointHash { get; set; } = string.Empty;

    public string Hash { get; set; } = string.Empty;

    public string NodeId { get; set; } = string.Empty;

    public string Service { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>SHA-256 of the public key (SubjectPublicKeyInfo), hex.</summary>
    public string KeyId { get; set; } = string.Empty;

    /// <summary>ECDSA P-256 signature (IEEE P1363), base64.</summary>
    public string Signature { get; set; } = string.Empty;
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(e => e.Position);
        builder.Property(e => e.Position).ValueGeneratedOnAdd();
        builder.Property(e => e.NodeId).HasMaxLength(64);
        builder.Property(e => e.Service).HasMaxLength(32);
        builder.Property(e => e.UserId).HasMaxLength(100);
        builder.Property(e => e.ClientAddress).HasMaxLength(100);
        builder.Property(e => e.Action).HasMaxLength(200);
        builder.Property(e => e.Operation).HasMaxLength(16);
        builder.Property(e => e.EntityType).HasMaxLength(100);
        builder.Property(e => e.EntityId).HasMaxLength(200);
        builder.Property(e => e.Detail).HasMaxLength(AuditLimits.Detail);
        builder.Property(e => e.Mac).HasMaxLength(64);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        // Unique: two sealers racing for the same place fail instead of forking the chain.
        builder.HasIndex(e => e.Sequence).IsUnique();
        builder.HasIndex(e => e.RecordedAt);
        builder.HasIndex(e => new { e.UserId, e.RecordedAt });
        builder.HasIndex(e => new { e.EntityType, e.EntityId });
    }
}

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> builder)
    {
        builder.ToTable("audit_checkpoints");
        builder.HasKey(c => c.Sequence);
        builder.Property(c => c.Sequence).ValueGeneratedNever();
        builder.Property(c => c.Hash).HasMaxLength(64);
        builder.Property(c => c.PreviousCheckpointHash).HasMaxLength(64);
        builder.HasIndex(c => c.Number);
        builder.Property(c => c.NodeId).HasMaxLength(64);
        builder.Property(c => c.Service).HasMaxLength(32);
        builder.Property(c => c.KeyId).HasMaxLength(64);
        builder.Property(c => c.Signature).HasMaxLength(200);
    }
}

/// <summary>
/// The two audit tables for a store whose context is not a <see cref="Persistence.PlatformDbContext"/>
/// (the console's account store): mapped exactly as the edge's <see cref="AuditStoreContext"/> reads them,
/// so the sealer chains and verifies that store like the services' stores.
/// </summary>
public static class AuditTables
{
    public static ModelBuilder MapAuditTables(this ModelBuilder modelBuilder, Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database)
    {
        modelBuilder.ApplyConfiguration(new AuditEntryConfiguration());
        modelBuilder.ApplyConfiguration(new AuditCheckpointConfiguration());
        if (database.IsSqlite())
        {
            // As Persistence.PlatformDbContext.ApplyProviderConventions stores every time on SQLite: ticks, which order in SQL.
            modelBuilder.Entity<AuditEntry>().Property(e => e.RecordedAt).HasConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
            modelBuilder.Entity<AuditCheckpoint>().Property(c => c.CreatedAt).HasConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
        }
        return modelBuilder;
    }
}

public static class AuditLimits
{
    public const int Detail = 1000;

    public static string Clip(string? value, int max) =>
        value is null ? string.Empty : value.Length <= max ? value : value[..max];
}
