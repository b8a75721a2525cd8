using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Persistence;
using Platform.Planning.Module.Domain;

namespace Platform.Planning.Module.Infrastructure;

public abstract class PlanningDbContext(DbContextOptions options) : PlatformDbContext(options)
{
    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<PlanTask> Tasks => Set<PlanTask>();

    public DbSet<Assignment> Assignments => Set<Assignment>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<Unit>(unit =>
        {
            unit.ToTable("units");
            unit.HasKey(u => u.Id);
            unit.Property(u => u.Name).HasMaxLength(200);
            unit.Property(u => u.ShortName).HasMaxLength(50);
            unit.Property(u => u.RegionCode).HasMaxLength(6);
            unit.Property(u => u.Kind).HasConversion<string>().HasMaxLength(20);
            unit.HasIndex(u => u.Name).IsUnique();
            unit.ComplexProperty(u => u.Created).MapAudit("created");
        });

        modelBuilder.Entity<Plan>(plan =>
        {
            plan.ToTable("plans");
            plan.HasKey(p => p.Id);
            plan.Property(p => p.Title).HasMaxLength(300);
            plan.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
            plan.HasMany(p => p.Tasks).WithOne().HasForeignKey(t => t.PlanId);
            plan.Navigation(p => p.Tasks).HasField("_tasks");
            plan.ComplexProperty(p => p.Created).MapAudit("created");
        });

        modelBuilder.Entity<PlanTask>(task =>
        {
            task.ToTable("plan_tasks");
            task.HasKey(t => t.Id);
            task.Property(t => t.Title).HasMaxLength(2000);
            task.HasIndex(t => new { t.PlanId, t.Number }).IsUnique();
            task.HasMany(t => t.Assignments).WithOne().HasForeignKey(a => a.TaskId);
            task.Navigation(t => t.Assignments).HasField("_assignments");
        });

        modelBuilder.Entity<Assignment>(assignment =>
        {
            assignment.ToTable("assignments");
            assignment.HasKey(a => a.Id);
            assignment.Property(a => a.UnitName).HasMaxLength(200);
            assignment.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
            assignment.HasIndex(a => new { a.TaskId, a.UnitId }).IsUnique();
            assignment.HasIndex(a => a.UnitId);
            assignment.HasOne<Unit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
            assignment.ComplexProperty(a => a.Assigned).MapAudit("assigned");
        });
    }
}

/// <summary>The context on SQLite; its migrations live in Infrastructure/Migrations/Sqlite.</summary>
public sealed class SqlitePlanningDbContext(DbContextOptions<SqlitePlanningDbContext> options) : PlanningDbContext(options);

/// <summary>The context on PostgreSQL; its migrations live in Infrastructure/Migrations/Postgres.</summary>
public sealed class PostgresPlanningDbContext(DbContextOptions<PostgresPlanningDbContext> options) : PlanningDbContext(options);

internal sealed class SqlitePlanningDesignTimeFactory : SqliteDesignTimeFactory<SqlitePlanningDbContext>;

internal sealed class PostgresPlanningDesignTimeFactory : PostgresDesignTimeFactory<PostgresPlanningDbContext>;
