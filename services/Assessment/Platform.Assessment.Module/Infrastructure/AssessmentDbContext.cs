using Microsoft.EntityFrameworkCore;
using Platform.Assessment.Module.Domain;
using Platform.Assessment.Module.Infrastructure.Configurations;
using Platform.BuildingBlocks.Persistence;

namespace Platform.Assessment.Module.Infrastructure;

/// <summary>The assessment service's database: the node's units (from planning's events), people and their history, and each year's indicator system.</summary>
public abstract class AssessmentDbContext(DbContextOptions options) : PlatformDbContext(options)
{
    public DbSet<AssessmentUnit> Units => Set<AssessmentUnit>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<PersonChange> PersonChanges => Set<PersonChange>();

    public DbSet<IndicatorSystem> IndicatorSystems => Set<IndicatorSystem>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfiguration(new IndicatorSystemConfiguration());

        modelBuilder.Entity<AssessmentUnit>(unit =>
        {
            unit.ToTable("units");
            unit.HasKey(u => u.Id);
            unit.Property(u => u.Id).ValueGeneratedNever();
            unit.Property(u => u.Name).HasMaxLength(200);
            unit.Property(u => u.ShortName).HasMaxLength(100);
            unit.Property(u => u.Kind).HasMaxLength(20);
            unit.Property(u => u.RegionCode).HasMaxLength(6);
            unit.HasIndex(u => u.Name);
        });

        modelBuilder.Entity<Person>(person =>
        {
            person.ToTable("people");
            person.HasKey(p => p.Id);
            person.Property(p => p.Name).HasMaxLength(100);
            person.Property(p => p.Position).HasMaxLength(200);
            person.Property(p => p.PostKind).HasConversion<string>().HasMaxLength(30);
            person.Property(p => p.Rank).HasMaxLength(50);
            person.Ignore(p => p.IsActive);
            person.ComplexProperty(p => p.Created).MapAudit("created");
            person.ComplexProperty(p => p.Updated).MapAudit("updated");
            // The roster and the import find people by unit (and name); the dashboard groups by kind of post.
            person.HasIndex(p => new { p.UnitId, p.Name });
            person.HasIndex(p => p.PostKind);
        });

        modelBuilder.Entity<PersonChange>(change =>
        {
            change.ToTable("person_changes");
            change.HasKey(c => c.Id);
            change.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
            change.Property(c => c.Position).HasMaxLength(200);
            change.Property(c => c.PostKind).HasConversion<string>().HasMaxLength(30);
            change.Property(c => c.Rank).HasMaxLength(50);
            change.Property(c => c.Note).HasMaxLength(1000);
            change.ComplexProperty(c => c.Recorded).MapAudit("recorded");
            change.HasIndex(c => c.PersonId);
        });
    }
}

/// <summary>The context on SQLite; its migrations live in Infrastructure/Migrations/Sqlite.</summary>
public sealed class SqliteAssessmentDbContext(DbContextOptions<SqliteAssessmentDbContext> options) : AssessmentDbContext(options);

/// <summary>The context on PostgreSQL; its migrations live in Infrastructure/Migrations/Postgres.</summary>
public sealed class PostgresAssessmentDbContext(DbContextOptions<PostgresAssessmentDbContext> options) : AssessmentDbContext(options);

internal sealed class SqliteAssessmentDesignTimeFactory : SqliteDesignTimeFactory<SqliteAssessmentDbContext>;

internal sealed class PostgresAssessmentDesignTimeFactory : PostgresDesignTimeFactory<PostgresAssessmentDbContext>;
