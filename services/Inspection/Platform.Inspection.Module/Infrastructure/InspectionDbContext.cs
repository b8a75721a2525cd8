using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.BuildingBlocks.Outbox;
using Wire = Platform.Contracts.Events.Inspection;

namespace Platform.Inspection.Module.Infrastructure;

/// <summary>The inspection service's database: inspectors, missions, findings, feedback, clues, integrators, questionnaires.</summary>
public abstract class InspectionDbContext(DbContextOptions options) : PlatformDbContext(options)
{
    public DbSet<Domain.Inspector> Inspectors => Set<Domain.Inspector>();

    public DbSet<Domain.Mission> Missions => Set<Domain.Mission>();

    public DbSet<Domain.Finding> Findings => Set<Domain.Finding>();

    public DbSet<EvidenceFile> Evidence => Set<EvidenceFile>();

    public DbSet<Domain.Feedback> Feedback => Set<Domain.Feedback>();

    public DbSet<MissionDocument> Documents => Set<MissionDocument>();

    public DbSet<Domain.Clue> Clues => Set<Domain.Clue>();

    public DbSet<Domain.Integrator> Integrators => Set<Domain.Integrator>();

    public DbSet<Domain.Questionnaire> Questionnaires => Set<Domain.Questionnaire>();

    public DbSet<QuestionnaireAnswer> QuestionnaireAnswers => Set<QuestionnaireAnswer>();

    /// <summary>Two requests creating the same thing at once: the loser hears what the handler's own check says.</summary>
    /// <summary>The inspection.* events (wire names and shapes in Platform.Contracts) for what missions and findings record.</summary>
    protected override void MapDomainEvents(DomainEventMap map) => map
        .On<MissionAnnounced>((e, by) => new Wire.MissionNotified(
            e.MissionId, e.Title, e.Kind, e.Year, [.. e.Targets.Select(t => new Wire.MissionTarget(t.UnitId, t.UnitName, t.RegionCode))],
            e.FocusItems, e.StartsOn, e.EndsOn, by.UserId, by.At, by.NodeId))
        .On<FindingMade>((e, by) => new Wire.FindingRecorded(
            e.FindingId, e.MissionId, e.ClueId, e.UnitId, e.UnitName, e.Title, e.Category, e.Severity, by.UserId, by.At, by.NodeId))
        .On<FeedbackSent>((e, by) => new Wire.FeedbackGiven(
            e.FeedbackId, e.MissionId, e.MissionTitle, e.MissionKind, e.UnitId, e.UnitName,
            [.. e.Findings.Select(f => new Wire.FedBackFinding(f.Id, f.Title, f.Description, f.Location, f.Category, f.Severity))],
            by.UserId, by.At, by.NodeId)
        {
            UnitRegionCode = e.UnitRegionCode,
            MissionTeam = e.MissionTeam,
        });

    protected override void DescribeUniqueKeys(UniqueKeyMessages keys) => keys
        .AlreadyExists<QuestionnaireAnswer>(a => new { a.QuestionnaireId, a.UnitId }, "The unit has already answered this questionnaire.")
        .AlreadyExists<Domain.Inspector>(i => i.UserId, i => $"User {i.UserId} is already in the inspector pool.")
        .AlreadyExists<Domain.Integrator>(i => i.Name, i => $"An integrator named {i.Name} is already registered.");

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<Domain.Inspector>(inspector =>
        {
            inspector.ToTable("inspectors");
            inspector.HasKey(i => i.Id);
            inspector.Property(i => i.Name).HasMaxLength(100);
            inspector.Property(i => i.UserId).HasMaxLength(100);
            inspector.Property(i => i.HomeUnitName).HasMaxLength(200);
            inspector.PrimitiveCollection(i => i.Expertise);
            inspector.HasIndex(i => i.UserId).IsUnique();
            inspector.HasIndex(i => i.Available);
            inspector.ComplexProperty(i => i.Registered).MapAudit("registered");
            inspector.ComplexProperty(i => i.Updated).MapAudit("updated");
        });

        modelBuilder.Entity<Domain.Mission>(mission =>
        {
            mission.ToTable("missions");
            mission.HasKey(m => m.Id);
            mission.Property(m => m.Title).HasMaxLength(300);
            mission.Property(m => m.Kind).HasMaxLength(20);
            mission.Property(m => m.State).HasMaxLength(20);
            mission.Property(m => m.PlanEntry).HasMaxLength(500);
            mission.Property(m => m.Version).IsConcurrencyToken();
            mission.PrimitiveCollection(m => m.FocusItems);
            mission.PrimitiveCollection(m => m.Methods);
            mission.HasIndex(m => new { m.Year, m.Kind, m.State });
            mission.OwnsMany(m => m.Targets, target =>
            {
                target.ToTable("mission_targets");
                target.WithOwner().HasForeignKey("MissionId");
                target.HasKey(t => t.Id);
                target.Property(t => t.UnitName).HasMaxLength(200);
                target.Property(t => t.RegionCode).HasMaxLength(6);
                target.HasIndex(t => t.UnitId);
            });
            mission.Navigation(m => m.Targets).HasField("_targets");
            mission.OwnsMany(m => m.Team, member =>
            {
                member.ToTable("mission_team_members");
                member.WithOwner().HasForeignKey("MissionId");
                member.HasKey(t => t.Id);
                member.Property(t => t.Name).HasMaxLength(100);
                member.Property(t => t.UserId).HasMaxLength(100);
                member.HasIndex(t => t.UserId);
            });
            mission.Navigation(m => m.Team).HasField("_team");
            mission.ComplexProperty(m => m.Created).MapAudit("created");
            mission.ComplexProperty(m => m.Updated).MapAudit("updated");
        });

        modelBuilder.Entity<Domain.Finding>(finding =>
        {
            finding.ToTable("findings");
            finding.HasKey(f => f.Id);
            finding.Property(f => f.ResponsibleUnitName).HasMaxLength(200);
            finding.Property(f => f.Title).HasMaxLength(500);
            finding.Property(f => f.Description).HasMaxLength(10000);
            finding.Property(f => f.Location).HasMaxLength(500);
            finding.Property(f => f.Category).HasMaxLength(100);
            finding.Property(f => f.Severity).HasMaxLength(20);
            finding.HasOne<Domain.Mission>().WithMany().HasForeignKey(f => f.MissionId).OnDelete(DeleteBehavior.Restrict);
            // The list filters by mission, unit, severity, category or clue and pages newest first (by id, a Guid v7).
            finding.HasIndex(f => new { f.MissionId, f.Id });
            finding.HasIndex(f => new { f.ResponsibleUnitId, f.Id });
            finding.HasIndex(f => new { f.Severity, f.Id });
            // Severity is the filter added to a mission's or a unit's list; without these a planner
            // that has no statistics (SQLite) walks a fifth of the table through the severity index.
            finding.HasIndex(f => new { f.MissionId, f.Severity, f.Id });
            finding.HasIndex(f => new { f.ResponsibleUnitId, f.Severity, f.Id });
            finding.HasIndex(f => new { f.Category, f.Id });
            finding.HasIndex(f => f.ClueId);
            finding.HasMany(f => f.Evidence).WithOne().HasForeignKey(e => e.FindingId);
            finding.Navigation(f => f.Evidence).HasField("_evidence");
            finding.ComplexProperty(f => f.Recorded).MapAudit("recorded");
        });

        modelBuilder.Entity<EvidenceFile>(evidence =>
        {
            evidence.ToTable("finding_evidence");
            evidence.HasKey(e => e.Id);
            evidence.Property(e => e.FileName).HasMaxLength(255);
            evidence.Property(e => e.ContentType).HasMaxLength(100);
            evidence.Property(e => e.Sha256).HasMaxLength(64);
            evidence.ComplexProperty(e => e.Added).MapAudit("added");
        });

        modelBuilder.Entity<Domain.Feedback>(feedback =>
        {
            feedback.ToTable("feedback");
            feedback.HasKey(f => f.Id);
            feedback.Property(f => f.UnitName).HasMaxLength(200);
            feedback.Property(f => f.Note).HasMaxLength(4000);
            feedback.PrimitiveCollection(f => f.FindingIds);
            feedback.HasIndex(f => new { f.MissionId, f.UnitId }).IsUnique();
            feedback.HasIndex(f => f.UnitId);
            feedback.ComplexProperty(f => f.Given).MapAudit("given");
        });

        modelBuilder.Entity<MissionDocument>(document =>
        {
            document.ToTable("mission_documents");
            document.HasKey(d => d.Id);
            document.Property(d => d.Kind).HasMaxLength(20);
            document.Property(d => d.FileName).HasMaxLength(255);
            document.Property(d => d.ContentType).HasMaxLength(100);
            document.Property(d => d.Sha256).HasMaxLength(64);
            document.HasIndex(d => d.MissionId);
            document.ComplexProperty(d => d.Generated).MapAudit("generated");
        });

        modelBuilder.Entity<Domain.Clue>(clue =>
        {
            clue.ToTable("clues");
            clue.HasKey(c => c.Id);
            clue.Property(c => c.SourceSystem).HasMaxLength(40);
            clue.Property(c => c.SourceId).HasMaxLength(100);
            clue.Property(c => c.Subject).HasMaxLength(500);
            clue.Property(c => c.Content).HasMaxLength(10000);
            clue.Property(c => c.Category).HasMaxLength(100);
            clue.Property(c => c.UnitName).HasMaxLength(200);
            clue.Property(c => c.RegionCode).HasMaxLength(6);
            clue.Property(c => c.DuplicateKey).HasMaxLength(300);
            clue.Property(c => c.Status).HasMaxLength(30);
            clue.Property(c => c.AssignedUnitName).HasMaxLength(200);
            clue.Property(c => c.CloseReason).HasMaxLength(2000);
            // Idempotent intake: a source's id is stored once, also under concurrent resends.
            clue.HasIndex(c => new { c.SourceSystem, c.SourceId }).IsUnique();
            clue.HasIndex(c => c.DuplicateKey);
            clue.HasIndex(c => c.DuplicateGroupId);
            clue.HasIndex(c => new { c.Status, c.ReceivedAt });
            clue.HasIndex(c => c.UnitId);
            clue.ComplexProperty(c => c.Intake).MapAudit("intake");
            clue.ComplexProperty(c => c.Triaged).MapAudit("triaged");
        });

        modelBuilder.Entity<Domain.Integrator>(integrator =>
        {
            integrator.ToTable("integrators");
            integrator.HasKey(i => i.Id);
            integrator.Property(i => i.Name).HasMaxLength(200);
            integrator.HasIndex(i => i.Name).IsUnique();
            integrator.PrimitiveCollection(i => i.AllowedSources);
            integrator.Property(i => i.Salt).HasMaxLength(16);
            integrator.Property(i => i.SecretHash).HasMaxLength(32);
            integrator.Property(i => i.PreviousSalt).HasMaxLength(16);
            integrator.Property(i => i.PreviousSecretHash).HasMaxLength(32);
            integrator.Ignore(i => i.IsRevoked);
            integrator.ComplexProperty(i => i.Registered).MapAudit("registered");
            integrator.ComplexProperty(i => i.Revoked).MapAudit("revoked");
        });

        modelBuilder.Entity<Domain.Questionnaire>(questionnaire =>
        {
            questionnaire.ToTable("questionnaires");
            questionnaire.HasKey(q => q.Id);
            questionnaire.Property(q => q.Title).HasMaxLength(300);
            questionnaire.Property(q => q.Audience).HasMaxLength(20);
            questionnaire.Property(q => q.PublicCode).HasMaxLength(40);
            questionnaire.HasIndex(q => q.PublicCode).IsUnique();
            questionnaire.HasIndex(q => q.MissionId);
            AsJson(questionnaire.Property(q => q.Questions));
            questionnaire.ComplexProperty(q => q.Created).MapAudit("created");
        });

        modelBuilder.Entity<QuestionnaireAnswer>(answer =>
        {
            answer.ToTable("questionnaire_answers");
            answer.HasKey(a => a.Id);
            // One answer per target unit; public answers have no unit.
            answer.HasIndex(a => new { a.QuestionnaireId, a.UnitId }).IsUnique().HasFilter("\"UnitId\" IS NOT NULL");
            AsJson(answer.Property(a => a.Answers));
            answer.ComplexProperty(a => a.Submitted).MapAudit("submitted");
        });
    }

    /// <summary>A small list kept as one JSON text column: it is always read and written whole.</summary>
    private static void AsJson<T>(PropertyBuilder<List<T>> property)
    {
        property.HasConversion(
            value => JsonSerializer.Serialize(value, JsonSerializerOptions.Default),
            json => JsonSerializer.Deserialize<List<T>>(json, JsonSerializerOptions.Default) ?? new List<T>(),
            new ValueComparer<List<T>>(
                (a, b) => JsonSerializer.Serialize(a, JsonSerializerOptions.Default) == JsonSerializer.Serialize(b, JsonSerializerOptions.Default),
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default).GetHashCode(StringComparison.Ordinal),
                v => JsonSerializer.Deserialize<List<T>>(JsonSerializer.Serialize(v, JsonSerializerOptions.Default), JsonSerializerOptions.Default)!));
    }
}

/// <summary>The context on SQLite; its migrations live in Infrastructure/Migrations/Sqlite.</summary>
public sealed class SqliteInspectionDbContext(DbContextOptions<SqliteInspectionDbContext> options) : InspectionDbContext(options);

/// <summary>The context on PostgreSQL; its migrations live in Infrastructure/Migrations/Postgres.</summary>
public sealed class PostgresInspectionDbContext(DbContextOptions<PostgresInspectionDbContext> options) : InspectionDbContext(options);

internal sealed class SqliteInspectionDesignTimeFactory : SqliteDesignTimeFactory<SqliteInspectionDbContext>;

internal sealed class PostgresInspectionDesignTimeFactory : PostgresDesignTimeFactory<PostgresInspectionDbContext>;
