using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Persistence;
using Platform.Notification.Module.Domain;

namespace Platform.Notification.Module.Infrastructure;

public abstract class NotificationDbContext(DbContextOptions options) : PlatformDbContext(options)
{
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<InboxMessage>(message =>
        {
            message.ToTable("inbox_messages");
            message.HasKey(m => m.Id);
            message.Property(m => m.Kind).HasMaxLength(50);
            message.Property(m => m.Title).HasMaxLength(500);
            message.Property(m => m.NodeId).HasMaxLength(64);
            message.HasIndex(m => new { m.UnitId, m.CreatedAt });
        });
    }
}

/// <summary>The context on SQLite; its migrations live in Infrastructure/Migrations/Sqlite.</summary>
public sealed class SqliteNotificationDbContext(DbContextOptions<SqliteNotificationDbContext> options) : NotificationDbContext(options);

/// <summary>The context on PostgreSQL; its migrations live in Infrastructure/Migrations/Postgres.</summary>
public sealed class PostgresNotificationDbContext(DbContextOptions<PostgresNotificationDbContext> options) : NotificationDbContext(options);

internal sealed class SqliteNotificationDesignTimeFactory : SqliteDesignTimeFactory<SqliteNotificationDbContext>;

internal sealed class PostgresNotificationDesignTimeFactory : PostgresDesignTimeFactory<PostgresNotificationDbContext>;
