using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Persistence;

namespace Platform.Assessment.Module.Infrastructure;

/// <summary>The assessment service's database. It holds the outbox and inbox until the service's own entities arrive.</summary>
public abstract class AssessmentDbContext(DbContextOptions options) : PlatformDbContext(options);

/// <summary>The context on SQLite; its migrations live in Infrastructure/Migrations/Sqlite.</summary>
public sealed class SqliteAssessmentDbContext(DbContextOptions<SqliteAssessmentDbContext> options) : AssessmentDbContext(options);

/// <summary>The context on PostgreSQL; its migrations live in Infrastructure/Migrations/Postgres.</summary>
public sealed class PostgresAssessmentDbContext(DbContextOptions<PostgresAssessmentDbContext> options) : AssessmentDbContext(options);

internal sealed class SqliteAssessmentDesignTimeFactory : SqliteDesignTimeFactory<SqliteAssessmentDbContext>;

internal sealed class PostgresAssessmentDesignTimeFactory : PostgresDesignTimeFactory<PostgresAssessmentDbContext>;
