using Platform.Planning.Module.Features.ReportingRuleUpdates;
using Platform.BuildingBlocks.Calendar;
using Platform.BuildingBlocks.Federation;
using Platform.BuildingBlocks.Outbox;
using Platform.Planning.Module.Features;
using Wire = Platform.Contracts.Events.Planning;
using Assignment = Platform.Planning.Module.Domain.Assignment;
using ExtensionRequest = Platform.Planning.Module.Domain.ExtensionRequest;
using Plan = Platform.Planning.Module.Domain.Plan;
using PlanChapter = Platform.Planning.Module.Domain.PlanChapter;
using PlanTask = Platform.Planning.Module.Domain.PlanTask;
using ProgressReport = Platform.Planning.Module.Domain.ProgressReport;
using ReceivedTask = Platform.Planning.Module.Domain.ReceivedTask;
using StatisticsRow = Platform.Planning.Module.Domain.StatisticsRow;
using TaskCascade = Platform.Planning.Module.Domain.TaskCascade;
using TaskRevision = Platform.Planning.Module.Domain.TaskRevision;
using Unit = Platform.Planning.Module.Domain.Unit;
using UnitGroup = Platform.Planning.Module.Domain.UnitGroup;
using QuantitativeTarget = Platform.Planning.Module.Domain.QuantitativeTarget;

namespace Platform.Planning.Module.Infrastructure;

public abstract class PlanningDbContext(DbContextOptions options) : PlatformDbContext(options)
{
    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<UnitGroup> UnitGroups => Set<UnitGroup>();

    public DbSet<UnitAlias> UnitAliases => Set<UnitAlias>();

    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<PlanChapter> Chapters => Set<PlanChapter>();

    public DbSet<PlanTask> Tasks => Set<PlanTask>();

    public DbSet<TaskRevision> TaskRevisions => Set<TaskRevision>();

    public DbSet<Assignment> Assignments => Set<Assignment>();

    public DbSet<ProgressReport> Reports => Set<ProgressReport>();

    public DbSet<UnitTargetFigure> UnitFigures => Set<UnitTargetFigure>();

    public DbSet<ReportAttachment> Attachments => Set<ReportAttachment>();

    public DbSet<ExtensionRequest> Extensions => Set<ExtensionRequest>();

    public DbSet<StatisticsRow> Statistics => Set<StatisticsRow>();

    public DbSet<TaskCascade> Cascades => Set<TaskCascade>();

    public DbSet<ReceivedTask> ReceivedTasks => Set<ReceivedTask>();

    public DbSet<ChildProgress> ChildProgress => Set<ChildProgress>();

    public DbSet<ChildNode> ChildNodes => Set<ChildNode>();

    /// <summary>Working-day calendar updates issued here or received from above (ADR 0024).</summary>
    public DbSet<CalendarUpdateRecord> CalendarUpdates => Set<CalendarUpdateRecord>();

    /// <summary>Reporting-rule updates issued here or received from above (ADR 0024).</summary>
    public DbSet<ReportingRuleUpdateRecord> ReportingRuleUpdates => Set<ReportingRuleUpdateRecord>();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        DetectingChangesOnceAsync(() => SaveWithProjectionsAsync(acceptAllChangesOnSuccess, cancellationToken));

    private async Task<int> SaveWithProjectionsAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var deltas = StatisticsProjection.CollectDeltas(ChangeTracker);
        var progressed = ProgressUpstream.CollectTaskIds(ChangeTracker);
        if (deltas.Count == 0 && progressed.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        // The counters, and the progress a received task sends up, change in the same transaction as the assignments they count.
        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (progressed.Count > 0 && await ProgressUpstream.AddEventsAsync(this, progressed, cancellationToken))
            {
                written += await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
            // Last before the commit: a chapter's row is shared by every unit reporting on it, and on PostgreSQL the
            // increment holds its row lock until the commit; taken earlier, the other reports queued behind this
            // one's remaining statements (the distributed deadline day's multi-second p99).
            if (deltas.Count > 0)
            {
                await StatisticsProjection.ApplyAsync(this, deltas, cancellationToken);
            }
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }
            return written;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>Two requests creating the same thing at once: the loser hears what the handler's own check says.</summary>
    /// <summary>The planning.* events (wire names and shapes in Platform.Contracts) for what the aggregates record.</summary>
    protected override void MapDomainEvents(DomainEventMap map) => map
        .On<TaskAssignedToUnit>((e, by) => new Wire.TaskAssigned(
            e.AssignmentId, e.PlanId, e.PlanTitle, e.TaskId, e.TaskNumber, e.TaskTitle, e.Deadline, e.UnitId, e.UnitName,
            by.UserId, by.At, by.NodeId) { Role = e.Role.Wire() })
        .On<AssignmentAccepted>((e, by) => new Wire.AssignmentAccepted(
            e.AssignmentId, e.PlanId, e.TaskId, e.UnitId, by.UserId, by.At, by.NodeId))
        .On<AssignmentReturned>((e, by) => new Wire.AssignmentReturned(
            e.AssignmentId, e.PlanId, e.TaskId, e.UnitId, e.Reason, by.UserId, by.At, by.NodeId))
        .On<AssignmentFellOverdue>((e, by) => new Wire.AssignmentOverdue(
            e.AssignmentId, e.PlanId, e.TaskId, e.TaskNumber, e.TaskTitle, e.UnitId, e.UnitName, e.Due, by.At, by.NodeId))
        .On<ProgressReportFiled>((e, by) => new Wire.ProgressReported(
            e.ReportId, e.AssignmentId, e.PlanId, e.TaskId, e.UnitId, e.Percent, e.Final, e.Late, e.Due, by.UserId, by.At, by.NodeId)
            { TaskNumber = e.TaskNumber, TaskTitle = e.TaskTitle })
        .On<TaskCompleted>((e, by) => new Wire.TaskCompleted(e.PlanId, e.TaskId, e.TaskNumber, e.LeadUnitId, by.At, by.NodeId))
        .On<AssignmentDeadlineExtended>((e, by) => new Wire.ExtensionApproved(
            e.ExtensionId, e.AssignmentId, e.PlanId, e.TaskId, e.UnitId, e.PreviousDeadline, e.NewDeadline, by.UserId, by.At, by.NodeId));

    protected override void DescribeUniqueKeys(UniqueKeyMessages keys) => keys
        .AlreadyExists<Unit>(u => u.Name, u => $"A unit named '{u.Name}' already exists on this node.")
        .AlreadyExists<UnitAlias>(a => a.Key, a => $"'{a.Alias}' is already mapped to another unit.")
        .AlreadyExists<UnitGroup>(g => g.Name, g => $"A unit group named '{g.Name}' already exists on this node.")
        .AlreadyExists<Assignment>(a => new { a.TaskId, a.UnitId }, a => $"The task is already assigned to {a.UnitName}.");

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<Unit>(unit =>
        {
            unit.ToTable("units");
            unit.HasKey(u => u.Id);
            unit.Property(u => u.Name).HasMaxLength(200);
            unit.Property(u => u.ShortName).HasMaxLength(100);
            unit.Property(u => u.RegionCode).HasMaxLength(6);
            unit.Property(u => u.Kind).HasConversion<string>().HasMaxLength(20);
            unit.PrimitiveCollection(u => u.Aliases);
            unit.HasIndex(u => u.Name).IsUnique();
            unit.ComplexProperty(u => u.Liaison, liaison =>
            {
                liaison.Property(l => l.Name).HasColumnName("liaison_name").HasMaxLength(100);
                liaison.Property(l => l.Phone).HasColumnName("liaison_phone").HasMaxLength(50);
                liaison.Property(l => l.Email).HasColumnName("liaison_email").HasMaxLength(200);
            });
            unit.ComplexProperty(u => u.Created).MapAudit("created");
            unit.ComplexProperty(u => u.Updated).MapAudit("updated");
        });

        modelBuilder.Entity<UnitAlias>(alias =>
        {
            alias.ToTable("unit_aliases");
            alias.HasKey(a => a.Id);
            alias.Property(a => a.Alias).HasMaxLength(200);
            alias.Property(a => a.Key).HasMaxLength(200);
            alias.HasIndex(a => a.Key).IsUnique();
            alias.HasOne<Unit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Cascade);
            alias.ComplexProperty(a => a.Created).MapAudit("created");
        });

        modelBuilder.Entity<UnitGroup>(group =>
        {
            group.ToTable("unit_groups");
            group.HasKey(g => g.Id);
            group.Property(g => g.Name).HasMaxLength(200);
            group.HasIndex(g => g.Name).IsUnique();
            group.PrimitiveCollection(g => g.Aliases);
            group.PrimitiveCollection(g => g.UnitIds);
            group.ComplexProperty(g => g.Created).MapAudit("created");
        });

        modelBuilder.Entity<Plan>(plan =>
        {
            plan.ToTable("plans");
            plan.HasKey(p => p.Id);
            plan.Property(p => p.Title).HasMaxLength(300);
            plan.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
            plan.HasIndex(p => new { p.Year, p.Status });
            plan.HasMany(p => p.Tasks).WithOne().HasForeignKey(t => t.PlanId);
            plan.Navigation(p => p.Tasks).HasField("_tasks");
            plan.HasMany(p => p.Chapters).WithOne().HasForeignKey(c => c.PlanId);
            plan.Navigation(p => p.Chapters).HasField("_chapters");
            plan.ComplexProperty(p => p.Created).MapAudit("created");
            plan.ComplexProperty(p => p.Issued).MapAudit("issued");
            plan.ComplexProperty(p => p.Closed).MapAudit("closed");
        });

        modelBuilder.Entity<PlanChapter>(chapter =>
        {
            chapter.ToTable("plan_chapters");
            chapter.HasKey(c => c.Id);
            chapter.Property(c => c.Title).HasMaxLength(500);
            chapter.Property(c => c.Section).HasMaxLength(500);
            chapter.HasIndex(c => new { c.PlanId, c.Number }).IsUnique();
        });

        modelBuilder.Entity<PlanTask>(task =>
        {
            task.ToTable("plan_tasks");
            task.HasKey(t => t.Id);
            task.Property(t => t.Title).HasMaxLength(4000);
            task.Property(t => t.ReportingRule).HasMaxLength(64);
            task.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
            task.PrimitiveCollection(t => t.LeadUnitIds);
            task.PrimitiveCollection(t => t.CoUnitIds);
            task.PrimitiveCollection(t => t.UnitGroupIds);
            task.PrimitiveCollection(t => t.UnmatchedLeadUnits);
            task.PrimitiveCollection(t => t.UnmatchedCoUnits);
            task.HasIndex(t => new { t.PlanId, t.Number }).IsUnique();
            task.HasOne<PlanChapter>().WithMany().HasForeignKey(t => t.ChapterId).OnDelete(DeleteBehavior.Restrict);
            task.HasMany(t => t.Targets).WithOne().HasForeignKey(t => t.TaskId);
            task.Navigation(t => t.Targets).HasField("_targets");
        });

        modelBuilder.Entity<QuantitativeTarget>(target =>
        {
            target.ToTable("task_targets");
            target.HasKey(t => t.Id);
            target.Property(t => t.Description).HasMaxLength(500);
            target.Property(t => t.UnitOfMeasure).HasMaxLength(50);
            target.Property(t => t.Comparison).HasConversion<string>().HasMaxLength(20);
            // Targets made before aggregation rules existed bound every unit, which is still the default.
            target.Property(t => t.Aggregation).HasConversion<string>().HasMaxLength(20).HasDefaultValue(TargetAggregation.EachUnit).HasSentinel((TargetAggregation)(-1));
        });

        modelBuilder.Entity<UnitTargetFigure>(figure =>
        {
            figure.ToTable("unit_target_figures");
            figure.HasKey(f => new { f.AssignmentId, f.TargetId });
            figure.Property(f => f.UnitName).HasMaxLength(200);
            // Covering: a plan's tallies (count, met, sum, min, max per target) read the index alone.
            figure.HasIndex(f => new { f.PlanId, f.TargetId, f.Met, f.Value });
            figure.HasIndex(f => new { f.PlanId, f.UnitId });
            figure.HasIndex(f => f.TaskId);
            figure.HasOne<Assignment>().WithMany().HasForeignKey(f => f.AssignmentId);
            figure.HasOne<QuantitativeTarget>().WithMany().HasForeignKey(f => f.TargetId);
            figure.ComplexProperty(f => f.Reported).MapAudit("reported");
        });

        modelBuilder.Entity<TaskRevision>(revision =>
        {
            revision.ToTable("task_revisions");
            revision.HasKey(r => r.Id);
            revision.Property(r => r.Reason).HasMaxLength(1000);
            revision.Property(r => r.PreviousTitle).HasMaxLength(4000);
            revision.Property(r => r.NewTitle).HasMaxLength(4000);
            revision.HasIndex(r => new { r.TaskId, r.Revision }).IsUnique();
            revision.ComplexProperty(r => r.Changed).MapAudit("changed");
        });

        modelBuilder.Entity<Assignment>(assignment =>
        {
            assignment.ToTable("assignments");
            assignment.HasKey(a => a.Id);
            assignment.Property(a => a.UnitName).HasMaxLength(200);
            assignment.Property(a => a.Role).HasConversion<string>().HasMaxLength(10);
            assignment.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
            assignment.Property(a => a.Timeliness).HasConversion<string>().HasMaxLength(10);
            assignment.Property(a => a.ReturnReason).HasMaxLength(1000);
            assignment.Property(a => a.Version).IsConcurrencyToken();
            assignment.HasIndex(a => new { a.TaskId, a.UnitId }).IsUnique();
            assignment.HasIndex(a => new { a.UnitId, a.Status });
            assignment.HasIndex(a => new { a.PlanId, a.Status });
            // Covering: the units each task of a plan is assigned to, counted from the index alone.
            assignment.HasIndex(a => new { a.PlanId, a.TaskId, a.Status });
            assignment.HasIndex(a => new { a.Status, a.Overdue, a.NextReportDue });
            assignment.HasOne<PlanTask>().WithMany().HasForeignKey(a => a.TaskId);
            assignment.HasOne<Unit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
            assignment.ComplexProperty(a => a.Assigned).MapAudit("assigned");
            assignment.ComplexProperty(a => a.Accepted).MapAudit("accepted");
            assignment.ComplexProperty(a => a.Returned).MapAudit("returned");
        });

        modelBuilder.Entity<ProgressReport>(report =>
        {
            report.ToTable("progress_reports");
            report.HasKey(r => r.Id);
            report.Property(r => r.Text).HasMaxLength(20000);
            report.OwnsMany(r => r.Figures, figure =>
            {
                figure.ToJson("figures");
            });
            report.HasIndex(r => new { r.PlanId, r.UnitId });
            report.HasIndex(r => r.AssignmentId);
            report.HasIndex(r => r.TaskId);
            report.HasMany(r => r.Attachments).WithOne().HasForeignKey(a => a.ReportId);
            report.Navigation(r => r.Attachments).HasField("_attachments");
            report.ComplexProperty(r => r.Reported).MapAudit("reported");
        });

        modelBuilder.Entity<ReportAttachment>(attachment =>
        {
            attachment.ToTable("report_attachments");
            attachment.HasKey(a => a.Id);
            attachment.Property(a => a.FileName).HasMaxLength(255);
            attachment.Property(a => a.ContentType).HasMaxLength(100);
            attachment.Property(a => a.Sha256).HasMaxLength(64);
        });

        modelBuilder.Entity<ExtensionRequest>(extension =>
        {
            extension.ToTable("extension_requests");
            extension.HasKey(e => e.Id);
            extension.Property(e => e.Reason).HasMaxLength(2000);
            extension.Property(e => e.DecisionNote).HasMaxLength(2000);
            extension.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
            extension.HasIndex(e => new { e.PlanId, e.Status });
            extension.HasIndex(e => e.AssignmentId);
            extension.ComplexProperty(e => e.Requested).MapAudit("requested");
            extension.ComplexProperty(e => e.Decided).MapAudit("decided");
        });

        modelBuilder.Entity<TaskCascade>(cascade =>
        {
            cascade.ToTable("task_cascades");
            cascade.HasKey(c => c.Id);
            cascade.PrimitiveCollection(c => c.ChildNodeIds);
            cascade.HasIndex(c => c.TaskId);
            cascade.HasOne<PlanTask>().WithMany().HasForeignKey(c => c.TaskId);
            cascade.ComplexProperty(c => c.Cascaded).MapAudit("cascaded");
        });

        modelBuilder.Entity<ReceivedTask>(received =>
        {
            received.ToTable("received_tasks");
            received.HasKey(r => r.Id);
            received.Property(r => r.SenderNodeId).HasMaxLength(64);
            received.Property(r => r.ReceiverNodeId).HasMaxLength(64);
            received.Property(r => r.PlanTitle).HasMaxLength(300);
            received.Property(r => r.Title).HasMaxLength(4000);
            received.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            received.Ignore(r => r.RevisionPending);
            // One row per task of the parent: a revision updates it, a redelivery finds it.
            received.HasIndex(r => new { r.SenderNodeId, r.OriginTaskId }).IsUnique();
            received.HasIndex(r => r.LocalTaskId);
            received.HasIndex(r => r.Status);
            received.ComplexProperty(r => r.Accepted).MapAudit("accepted");
            received.ComplexProperty(r => r.Acknowledged).MapAudit("acknowledged");
        });

        modelBuilder.Entity<ChildProgress>(progress =>
        {
            progress.ToTable("child_progress");
            progress.HasKey(p => new { p.TaskId, p.NodeId });
            progress.Property(p => p.NodeId).HasMaxLength(64);
            progress.Property(p => p.ParentNodeId).HasMaxLength(64);
            progress.Property(p => p.ViaNodeId).HasMaxLength(64);
            progress.HasIndex(p => p.PlanId);
            progress.HasOne<PlanTask>().WithMany().HasForeignKey(p => p.TaskId);
        });

        // The edge's list of child links, as every service that addresses the nodes below keeps it.
        modelBuilder.MapChildNodes();
        modelBuilder.MapCalendarUpdates();
        modelBuilder.MapReportingRuleUpdates();

        modelBuilder.Entity<StatisticsRow>(row =>
        {
            row.ToTable("plan_statistics");
            row.HasKey(r => new { r.PlanId, r.Dimension, r.Key });
            row.Property(r => r.Dimension).HasMaxLength(10);
        });
    }
}

/// <summary>The context on SQLite; its migrations live in Infrastructure/Migrations/Sqlite.</summary>
public sealed class SqlitePlanningDbContext(DbContextOptions<SqlitePlanningDbContext> options) : PlanningDbContext(options);

/// <summary>The context on PostgreSQL; its migrations live in Infrastructure/Migrations/Postgres.</summary>
public sealed class PostgresPlanningDbContext(DbContextOptions<PostgresPlanningDbContext> options) : PlanningDbContext(options);

internal sealed class SqlitePlanningDesignTimeFactory : SqliteDesignTimeFactory<SqlitePlanningDbContext>;

internal sealed class PostgresPlanningDesignTimeFactory : PostgresDesignTimeFactory<PostgresPlanningDbContext>;
