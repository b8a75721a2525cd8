using Microsoft.EntityFrameworkCore;
using Platform.Assessment.Module.Domain;
using Platform.Assessment.Module.Infrastructure.Configurations;
using Platform.BuildingBlocks.Persistence;

namespace Platform.Assessment.Module.Infrastructure;

/// <summary>The assessment service's database. Evaluation's entities are configured in Infrastructure/Configurations.</summary>
public abstract class AssessmentDbContext(DbContextOptions options) : PlatformDbContext(options)
{
    public DbSet<IndicatorSystem> IndicatorSystems => Set<IndicatorSystem>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfiguration(new IndicatorSystemConfiguration());
    }
}

/// <summary>The context on SQLite; its migrations live in Infrastructure/Migrations/Sqlite.</summary>
public sealed class SqliteAssessmentDbContext(DbContextOptions<SqliteAssessmentDbContext> options) : AssessmentDbContext(options);

/// <summary>The context on PostgreSQL; its migrations live in Infrastructure/Migrations/Postgres.</summary>
public sealed class PostgresAssessmentDbContext(DbContextOptions<PostgresAssessmentDbContext> options) : AssessmentDbContext(options);

internal sealed class SqliteAssessmentDesignTimeFactory : SqliteDesignTimeFactory<SqliteAssessmentDbContext>;

internal sealed class PostgresAssessmentDesignTimeFactory : PostgresDesignTimeFactory<PostgresAssessmentDbContext>;
