using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Persistence;

namespace Platform.Rectification.Module.Infrastructure;

/// <summary>The rectification service's database. It holds the outbox and inbox until the service's own entities arrive.</summary>
public abstract class RectificationDbContext(DbContextOptions options) : PlatformDbContext(options);

/// <summary>The context on SQLite; its migrations live in Infrastructure/Migrations/Sqlite.</summary>
public sealed class SqliteRectificationDbContext(DbContextOptions<SqliteRectificationDbContext> options) : RectificationDbContext(options);

/// <summary>The context on PostgreSQL; its migrations live in Infrastructure/Migrations/Postgres.</summary>
public sealed class PostgresRectificationDbContext(DbContextOptions<PostgresRectificationDbContext> options) : RectificationDbContext(options);

internal sealed class SqliteRectificationDesignTimeFactory : SqliteDesignTimeFactory<SqliteRectificationDbContext>;

internal sealed class PostgresRectificationDesignTimeFactory : PostgresDesignTimeFactory<PostgresRectificationDbContext>;
