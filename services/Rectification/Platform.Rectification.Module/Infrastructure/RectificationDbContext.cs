using Platform.Rectification.Module.Features;
using Platform.BuildingBlocks.Outbox;
using Wire = Platform.Contracts.Events.Rectification;
using EvidenceFile = Platform.Rectification.Module.Domain.EvidenceFile;
using ExtensionRequest = Platform.Rectification.Module.Domain.ExtensionRequest;
using RectificationItem = Platform.Rectification.Module.Domain.RectificationItem;

namespace Platform.Rectification.Module.Infrastructure;

/// <summary>The rectification service's database: items, their history and evidence files, extensions, the ladder and applied steps.</summary>
public abstract class RectificationDbContext(DbContextOptions options) : PlatformDbContext(options)
{
    public DbSet<RectificationItem> Items => Set<RectificationItem>();

    public DbSet<ItemHistoryEntry> History => Set<ItemHistoryEntry>();

    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();

    public DbSet<ExtensionRequest> Extensions => Set<ExtensionRequest>();

    public DbSet<EscalationStepRule> Ladder => Set<EscalationStepRule>();

    public DbSet<EscalationRecord> Escalations => Set<EscalationRecord>();

    public DbSet<MissionTeamMember> MissionTeams => Set<MissionTeamMember>();

    /// <summary>Missions of nodes above whose 督察通知 reached this node: items for their findings are opened under them.</summary>
    public DbSet<MissionFromAbove> MissionsFromAbove => Set<MissionFromAbove>();

    /// <summary>The status of items that nodes below opened for this node's missions, as they last reported it.</summary>
    public DbSet<ItemFromBelow> ItemsFromBelow => Set<ItemFromBelow>();

    /// <summary>The regions this node's missions target: which children may report items of which mission (ADR 0022).</summary>
    public DbSet<OwnMissionRegion> OwnMissionRegions => Set<OwnMissionRegion>();

    /// <summary>The calendar updates from above: deadlines and escalation are counted on the calendar they give (ADR 0024).</summary>
    public DbSet<Platform.BuildingBlocks.Calendar.CalendarUpdateRecord> CalendarUpdates => Set<Platform.BuildingBlocks.Calendar.CalendarUpdateRecord>();

    /// <summary>An item opened for a finding from above sends its status up in the save that changed it (ADR 0022).</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        DetectingChangesOnceAsync(() =>
        {
            StatusForAbove.AddEvents(this);
            return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        });

    /// <summary>
    /// Two people changing one item at once: the version column stops the second (Aborted through
    /// the error classifier), and so do the numbered history and applied steps, should their
    /// insert reach the database before the item's update.
    /// </summary>
    /// <summary>The rectification.* events (wire names and shapes in Platform.Contracts) for what an item records.</summary>
    protected override void MapDomainEvents(DomainEventMap map) => map
        .On<ItemOpened>((e, by) => new Wire.RectificationItemOpened(
            e.ItemId, e.FindingId, e.MissionId, e.UnitId, e.UnitName, e.Title, e.Category, e.Severity, e.ResponsiblePerson, e.Deadline,
            by.At, by.NodeId))
        .On<ItemPlanSubmitted>((e, by) => new Wire.RectificationPlanSubmitted(e.ItemId, e.UnitId, e.MeasureCount, by.UserId, by.At, by.NodeId))
        .On<ItemProgressReported>((e, by) => new Wire.RectificationProgressReported(e.ItemId, e.UnitId, e.Percent, by.UserId, by.At, by.NodeId))
        .On<ItemCompletionSubmitted>((e, by) => new Wire.RectificationCompletionSubmitted(e.ItemId, e.UnitId, by.UserId, by.At, by.NodeId))
        .On<ItemVerified>((e, by) => new Wire.RectificationVerified(e.ItemId, e.UnitId, by.UserId, by.At, by.NodeId))
        .On<ItemSentBack>((e, by) => new Wire.RectificationSentBack(
            e.ItemId, e.UnitId, e.UnitName, e.Title, e.Reason, e.NewDeadline, e.SendBackCount, by.UserId, by.At, by.NodeId))
        .On<ItemDeadlineExtended>((e, by) => new Wire.RectificationExtensionApproved(
            e.ItemId, e.UnitId, e.PreviousDeadline, e.NewDeadline, by.UserId, by.At, by.NodeId))
        .On<ItemFellOverdue>((e, by) => new Wire.RectificationOverdue(e.ItemId, e.UnitId, e.UnitName, e.Title, e.Deadline, by.At, by.NodeId))
        .On<ItemEscalated>((e, by) => new Wire.RectificationEscalated(
            e.ItemId, e.FindingId, e.UnitId, e.UnitName, e.Title, e.Severity, e.Step, e.StepOrder, e.Reason, e.Deadline,
            e.CopyToDiscipline, e.CopyToOrganisation,
            [.. e.File.Select(f => new Wire.RectificationFileEntry(f.Recorded.At, f.Recorded.UserId, f.Action, f.Detail))],
            by.UserId, by.At, by.NodeId))
        .On<ItemReopened>((e, by) => new Wire.RectificationReopened(
            e.ItemId, e.UnitId, e.UnitName, e.Title, e.Cause, e.Reason, e.NewDeadline, e.LookBackMissionId, by.UserId, by.At, by.NodeId));

    protected override void DescribeUniqueKeys(UniqueKeyMessages keys)
    {
        const string changed = "The item was changed by someone else at the same time; reload it and try again.";
        keys.ChangedMeanwhile<ItemHistoryEntry>(e => new { e.ItemId, e.Sequence }, changed)
            .ChangedMeanwhile<EscalationRecord>(r => new { r.ItemId, r.StepOrder }, changed);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        Platform.BuildingBlocks.Calendar.CalendarUpdates.MapCalendarUpdates(modelBuilder);

        modelBuilder.Entity<RectificationItem>(item =>
        {
            item.ToTable("rectification_items");
            item.HasKey(i => i.Id);
            item.Property(i => i.MissionTitle).HasMaxLength(300);
            item.Property(i => i.UnitName).HasMaxLength(200);
            item.Property(i => i.RegionCode).HasMaxLength(6);
            item.Property(i => i.Title).HasMaxLength(1000);
            item.Property(i => i.Description).HasMaxLength(8000);
            item.Property(i => i.Location).HasMaxLength(500);
            item.Property(i => i.Category).HasMaxLength(100);
            item.Property(i => i.Severity).HasMaxLength(20);
            item.Property(i => i.State).HasConversion<string>().HasMaxLength(30);
            item.Property(i => i.ResponsiblePerson).HasMaxLength(100);
            item.Property(i => i.ProposalReason).HasMaxLength(500);
            item.Property(i => i.LatestProgress).HasMaxLength(4000);
            item.Property(i => i.CompletionSummary).HasMaxLength(8000);
            item.PrimitiveCollection(i => i.Measures);
            item.PrimitiveCollection(i => i.Evidence);
            item.OwnsMany(i => i.Milestones, milestone => milestone.ToJson("milestones"));
            item.Property(i => i.Version).IsConcurrencyToken();
            item.Ignore(i => i.IsClosed);
            // One item per finding: a redelivered or republished feedback never opens a second one.
            item.HasIndex(i => i.FindingId).IsUnique();
            item.HasIndex(i => new { i.UnitId, i.State });
            // A unit's ledger, in the order it is read.
            item.HasIndex(i => new { i.UnitId, i.OpenedOn });
            item.HasIndex(i => new { i.MissionId, i.UnitId });
            item.HasIndex(i => new { i.RegionCode, i.State });
            // The evaluator's scans: overdue marking and next-step proposals.
            item.HasIndex(i => new { i.State, i.Overdue, i.Deadline });
            item.HasIndex(i => new { i.EscalationOrder, i.ProposedOrder, i.Deadline });
            item.HasIndex(i => i.OpenedOn);
            item.HasIndex(i => i.ClosedOn);
            item.HasIndex(i => i.OverdueOn);
            item.ComplexProperty(i => i.Opened).MapAudit("opened");
            item.ComplexProperty(i => i.Updated).MapAudit("updated");
            item.ComplexProperty(i => i.Closed).MapAudit("closed");
            // The item's evidence files are part of what every reader sees of it.
            item.Navigation(i => i.EvidenceFiles).AutoInclude();
            item.Property(i => i.OriginNodeId).HasMaxLength(64);
        });

        modelBuilder.Entity<MissionFromAbove>(mission =>
        {
            mission.ToTable("missions_from_above");
            mission.HasKey(m => m.NoticeId);
            mission.Property(m => m.OriginNodeId).HasMaxLength(64);
            mission.Property(m => m.Title).HasMaxLength(300);
        });

        modelBuilder.Entity<ItemFromBelow>(row =>
        {
            row.ToTable("items_from_below");
            row.HasKey(r => new { r.NodeId, r.ItemId });
            row.Property(r => r.NodeId).HasMaxLength(64);
            row.Property(r => r.RegionCode).HasMaxLength(6);
            row.Property(r => r.UnitName).HasMaxLength(200);
            row.Property(r => r.Status).HasMaxLength(20);
            row.Property(r => r.State).HasMaxLength(30);
            // The office's question: how do the items of my mission stand below?
            row.HasIndex(r => new { r.MissionId, r.RegionCode });
        });

        modelBuilder.Entity<OwnMissionRegion>(region =>
        {
            region.ToTable("own_mission_regions");
            region.HasKey(r => new { r.MissionId, r.RegionCode });
            region.Property(r => r.RegionCode).HasMaxLength(6);
        });

        modelBuilder.Entity<MissionTeamMember>(member =>
        {
            member.ToTable("mission_team_members");
            member.HasKey(m => new { m.MissionId, m.UserId });
            member.Property(m => m.UserId).HasMaxLength(200);
            // The inspector's question: which missions am I on?
            member.HasIndex(m => m.UserId);
        });

        modelBuilder.Entity<EvidenceFile>(file =>
        {
            file.ToTable("evidence_files");
            file.HasKey(f => f.Id);
            file.Property(f => f.Report).HasMaxLength(40);
            file.Property(f => f.FileName).HasMaxLength(255);
            file.Property(f => f.ContentType).HasMaxLength(120);
            file.Property(f => f.Sha256).HasMaxLength(64);
            file.HasIndex(f => f.ItemId);
            file.HasOne<RectificationItem>().WithMany(i => i.EvidenceFiles).HasForeignKey(f => f.ItemId);
            file.ComplexProperty(f => f.Uploaded).MapAudit("uploaded");
        });

        modelBuilder.Entity<ItemHistoryEntry>(entry =>
        {
            entry.ToTable("item_history");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Action).HasMaxLength(40);
            entry.Property(e => e.Detail).HasMaxLength(4000);
            entry.HasIndex(e => new { e.ItemId, e.Sequence }).IsUnique();
            entry.HasOne<RectificationItem>().WithMany().HasForeignKey(e => e.ItemId);
            entry.ComplexProperty(e => e.Recorded).MapAudit("recorded");
        });

        modelBuilder.Entity<ExtensionRequest>(extension =>
        {
            extension.ToTable("extension_requests");
            extension.HasKey(e => e.Id);
            extension.Property(e => e.Reason).HasMaxLength(2000);
            extension.Property(e => e.DecisionNote).HasMaxLength(2000);
            extension.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
            extension.HasIndex(e => new { e.ItemId, e.Status });
            extension.HasIndex(e => new { e.UnitId, e.Status });
            extension.HasOne<RectificationItem>().WithMany().HasForeignKey(e => e.ItemId);
            extension.ComplexProperty(e => e.Requested).MapAudit("requested");
            extension.ComplexProperty(e => e.Decided).MapAudit("decided");
        });

        modelBuilder.Entity<EscalationStepRule>(step =>
        {
            step.ToTable("escalation_ladder");
            step.HasKey(s => s.Order);
            step.Property(s => s.Order).ValueGeneratedNever();
            step.Property(s => s.Code).HasMaxLength(40);
            step.Property(s => s.ChineseName).HasMaxLength(40);
            step.Property(s => s.Roles).HasMaxLength(200);
            step.Property(s => s.UpdatedBy).HasMaxLength(100);
            step.Property(s => s.UpdatedOnNode).HasMaxLength(64);
            step.HasIndex(s => s.Code).IsUnique();
            step.Ignore(s => s.RoleList);
            // The ladder is data: a new node starts with the defaults, the office changes them through UpdateEscalationStep.
            step.HasData(LadderSteps.Defaults());
        });

        modelBuilder.Entity<EscalationRecord>(record =>
        {
            record.ToTable("escalations");
            record.HasKey(r => r.Id);
            record.Property(r => r.UnitName).HasMaxLength(200);
            record.Property(r => r.Severity).HasMaxLength(20);
            record.Property(r => r.Category).HasMaxLength(100);
            record.Property(r => r.Step).HasMaxLength(40);
            record.Property(r => r.Reason).HasMaxLength(2000);
            // A step is applied once per item, even if two clerks press the button together.
            record.HasIndex(r => new { r.ItemId, r.StepOrder }).IsUnique();
            record.HasIndex(r => r.AppliedOn);
            record.HasOne<RectificationItem>().WithMany().HasForeignKey(r => r.ItemId);
            record.ComplexProperty(r => r.Applied).MapAudit("applied");
        });
    }
}

/// <summary>The context on SQLite; its migrations live in Infrastructure/Migrations/Sqlite.</summary>
public sealed class SqliteRectificationDbContext(DbContextOptions<SqliteRectificationDbContext> options) : RectificationDbContext(options);

/// <summary>The context on PostgreSQL; its migrations live in Infrastructure/Migrations/Postgres.</summary>
public sealed class PostgresRectificationDbContext(DbContextOptions<PostgresRectificationDbContext> options) : RectificationDbContext(options);

internal sealed class SqliteRectificationDesignTimeFactory : SqliteDesignTimeFactory<SqliteRectificationDbContext>;

internal sealed class PostgresRectificationDesignTimeFactory : PostgresDesignTimeFactory<PostgresRectificationDbContext>;
