using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Persistence;

namespace Platform.Inspection.Module.Infrastructure;

/// <summary>The inspection service's database. It holds the outbox and inbox until the service's own entities arrive.</summary>
public abstract class InspectionDbContext(DbContextOptions options) : PlatformDbContext(options);

/// <summary>The context on SQLite; its migrations live in Infrastructure/Migrations/Sqlite.</summary>
public sealed class SqliteInspectionDbContext(DbContextOptions<SqliteInspectionDbContext> options) : InspectionDbContext(options);

/// <summary>The context on PostgreSQL; its migrations live in Infrastructure/Migrations/Postgres.</summary>
public sealed class PostgresInspectionDbContext(DbContextOptions<PostgresInspectionDbContext> options) : InspectionDbContext(options);

internal sealed class SqliteInspectionDesignTimeFactory : SqliteDesignTimeFactory<SqliteInspectionDbContext>;

internal sealed class PostgresInspectionDesignTimeFactory : PostgresDesignTimeFactory<PostgresInspectionDbContext>;
