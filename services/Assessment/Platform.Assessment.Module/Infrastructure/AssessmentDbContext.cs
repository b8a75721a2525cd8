using Platform.Assessment.Module.Infrastructure.Configurations;
using Platform.BuildingBlocks.Federation;
using Platform.BuildingBlocks.Outbox;
using Wire = Platform.Contracts.Events.Assessment;
using Appeal = Platform.Assessment.Module.Domain.Appeal;
using AssessmentUnit = Platform.Assessment.Module.Domain.AssessmentUnit;
using Credential = Platform.Assessment.Module.Domain.Credential;
using DutyReportAttachment = Platform.Assessment.Module.Domain.DutyReportAttachment;
using ExamResult = Platform.Assessment.Module.Domain.ExamResult;
using IndicatorSystem = Platform.Assessment.Module.Domain.IndicatorSystem;
using Person = Platform.Assessment.Module.Domain.Person;
using PersonChange = Platform.Assessment.Module.Domain.PersonChange;
using RosterEntry = Platform.Assessment.Module.Domain.RosterEntry;
using ScorePublication = Platform.Assessment.Module.Domain.ScorePublication;
using StudySession = Platform.Assessment.Module.Domain.StudySession;
using TrainingClass = Platform.Assessment.Module.Domain.TrainingClass;

namespace Platform.Assessment.Module.Infrastructure;

/// <summary>The assessment service's database: the node's units (from planning's events), people and their history, duty-report campaigns and rosters, each year's indicator system, the facts derived scores come from, and the office's marks.</summary>
public abstract class AssessmentDbContext(DbContextOptions options) : PlatformDbContext(options)
{
    public DbSet<AssessmentUnit> Units => Set<AssessmentUnit>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<PersonChange> PersonChanges => Set<PersonChange>();

    public DbSet<IndicatorSystem> IndicatorSystems => Set<IndicatorSystem>();

    public DbSet<DutyCampaign> Campaigns => Set<DutyCampaign>();

    public DbSet<RosterEntry> RosterEntries => Set<RosterEntry>();

    public DbSet<DutyReportAttachment> DutyReportAttachments => Set<DutyReportAttachment>();

    public DbSet<AddedReportForm> ReportForms => Set<AddedReportForm>();

    public DbSet<UnitFact> UnitFacts => Set<UnitFact>();

    public DbSet<RecordedScore> RecordedScores => Set<RecordedScore>();

    public DbSet<Appeal> Appeals => Set<Appeal>();

    public DbSet<ScorePublication> ScorePublications => Set<ScorePublication>();

    public DbSet<StudySession> StudySessions => Set<StudySession>();

    public DbSet<StudyReminder> StudyReminders => Set<StudyReminder>();

    public DbSet<TrainingClass> TrainingClasses => Set<TrainingClass>();

    public DbSet<ExamResult> ExamResults => Set<ExamResult>();

    public DbSet<Credential> Credentials => Set<Credential>();

    public DbSet<CampaignChildCascade> CampaignChildCascades => Set<CampaignChildCascade>();

    public DbSet<CampaignNodeCounts> CampaignNodeCounts => Set<CampaignNodeCounts>();

    /// <summary>The children the edge last announced (federation.child_links_changed.v1): who a campaign goes to.</summary>
    public DbSet<ChildNode> ChildNodes => Set<ChildNode>();

    public DbSet<ReceivedDossier> DossiersFromBelow => Set<ReceivedDossier>();

    /// <summary>A save that changes a received campaign's roster, or a head's dossier, sends it up in the same transaction (ADR 0023).</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        DetectingChangesOnceAsync(() => SaveWithUpstreamAsync(acceptAllChangesOnSuccess, cancellationToken));

    private async Task<int> SaveWithUpstreamAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var upstream = AssessmentUpstream.Collect(ChangeTracker);
        if (upstream.IsEmpty)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        await using var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (await AssessmentUpstream.AddEventsAsync(this, upstream, cancellationToken))
        {
            written += await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return written;
    }

    /// <summary>The assessment.* events (wire names and shapes in Platform.Contracts).</summary>
    protected override void MapDomainEvents(DomainEventMap map) => map
        .On<ScoresPublished>((e, by) => new Wire.ScoresPublished(
            e.PublicationId, e.Year, e.RoutineShare, e.AnnualShare,
            [.. e.Results.Select(r => new Wire.PublishedScore(r.UnitId, r.UnitName, r.Level, r.Kind, r.Routine, r.Annual, r.Combined, r.Rank, r.Tied))],
            by.UserId, by.At, by.NodeId))
        .On<StudyBehind>((e, by) => new Wire.StudyBehind(e.UnitId, e.UnitName, e.Year, e.Required, e.Held, e.ExpectedByNow, e.AsOf, by.At, by.NodeId))
        .On<CredentialSuspended>((e, by) => new Wire.CredentialSuspended(
            e.CredentialId, e.PersonId, e.UnitId, e.Number, e.From, e.Until, e.Reason, by.UserId, by.At, by.NodeId));

    /// <summary>Two roster runs at once: the loser's duplicate person is refused by the unique index.</summary>
    protected override void DescribeUniqueKeys(UniqueKeyMessages keys) => keys
        .AlreadyExists<RosterEntry>(e => new { e.CampaignId, e.PersonId }, e => $"{e.PersonName} is already on the roster; run the roster again.")
        .AlreadyExists<RecordedScore>(s => new { s.Year, s.UnitId, s.IndicatorCode, s.Evaluation }, s => $"{s.IndicatorCode} was being recorded for this unit at the same time; record it again.")
        .AlreadyExists<Credential>(c => c.NumberKey, c => $"Credential number {c.Number} is already issued (numbers are compared trimmed, half-width and case folded).")
        .AlreadyExists<Person>(p => new { p.UnitId, p.Name }, p => $"'{p.Name}' already serves in this unit; record a change of post instead.")
        .AlreadyExists<Appeal>(a => new { a.Year, a.UnitId, a.IndicatorCode }, a => $"An appeal on {a.IndicatorCode} is pending; wait for the office's decision.")
        .AlreadyExists<StudyReminder>(r => new { r.Year, r.UnitId, r.ExpectedByNow }, r => "Another check reminded this unit at the same time; run the check again.");

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfiguration(new IndicatorSystemConfiguration());
        modelBuilder.ApplyConfiguration<UnitFact>(new ScoreConfiguration());
        modelBuilder.ApplyConfiguration<RecordedScore>(new ScoreConfiguration());
        modelBuilder.ApplyConfiguration<Appeal>(new ScoreConfiguration());
        modelBuilder.ApplyConfiguration<ScorePublication>(new ScoreConfiguration());
        var qualification = new QualificationConfiguration();
        modelBuilder.ApplyConfiguration<StudySession>(qualification);
        modelBuilder.ApplyConfiguration<StudyReminder>(qualification);
        modelBuilder.ApplyConfiguration<TrainingClass>(qualification);
        modelBuilder.ApplyConfiguration<ExamResult>(qualification);
        modelBuilder.ApplyConfiguration<Credential>(qualification);
        var federation = new CampaignFederationConfiguration();
        modelBuilder.ApplyConfiguration<DutyCampaign>(federation);
        modelBuilder.ApplyConfiguration<CampaignChildCascade>(federation);
        modelBuilder.ApplyConfiguration<CampaignNodeCounts>(federation);
        modelBuilder.MapChildNodes();
        modelBuilder.ApplyConfiguration<ReceivedDossier>(federation);

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
            person.Property(p => p.AccountUserId).HasMaxLength(100);
            person.HasIndex(p => p.AccountUserId);
            person.Property(p => p.Version).IsConcurrencyToken();
            person.ComplexProperty(p => p.Created).MapAudit("created");
            person.ComplexProperty(p => p.Updated).MapAudit("updated");
            // The roster and the import find people by unit (and name); the dashboard groups by kind of post.
            person.HasIndex(p => new { p.UnitId, p.Name });
            person.HasIndex(p => p.PostKind);
            // One person of a name serves in a unit at a time, whoever saves first: the store refuses the second.
            person.HasIndex(p => new { p.UnitId, p.Name }, "IX_people_serving_UnitId_Name").IsUnique().HasFilter("\"LeftOn\" IS NULL");
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
            change.Ignore(c => c.Post);
            change.ComplexProperty(c => c.Recorded).MapAudit("recorded");
            change.HasIndex(c => new { c.PersonId, c.Date });
        });

        modelBuilder.Entity<DutyCampaign>(campaign =>
        {
            campaign.ToTable("campaigns");
            campaign.HasKey(c => c.Id);
            campaign.Property(c => c.Title).HasMaxLength(300);
            campaign.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
            campaign.PrimitiveCollection(c => c.Duties);
            campaign.PrimitiveCollection(c => c.Forms);
            campaign.PrimitiveCollection(c => c.PublicEvaluationForms);
            campaign.ComplexProperty(c => c.Created).MapAudit("created");
        });

        modelBuilder.Entity<RosterEntry>(entry =>
        {
            entry.ToTable("roster_entries");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.PersonName).HasMaxLength(100);
            entry.Property(e => e.PostKind).HasConversion<string>().HasMaxLength(30);
            entry.Property(e => e.Level).HasConversion<string>().HasMaxLength(20);
            entry.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
            entry.Property(e => e.Rating).HasConversion<string>().HasMaxLength(20);
            entry.Property(e => e.Reason).HasMaxLength(200);
            entry.Property(e => e.Form).HasMaxLength(50);
            entry.Property(e => e.ReviewComment).HasMaxLength(2000);
            entry.ComplexProperty(e => e.Created).MapAudit("created");
            entry.ComplexProperty(e => e.Reviewed).MapAudit("reviewed");
            entry.Property(e => e.PublicEvaluation).HasMaxLength(2000);
            entry.ComplexProperty(e => e.PublicEvaluated).MapAudit("public_evaluated");
            // Submissions and reviews of one entry at once: the save of the later one finds the token moved (Aborted).
            entry.Property(e => e.Version).IsConcurrencyToken();
            entry.HasIndex(e => new { e.CampaignId, e.PersonId }).IsUnique();
            // The unit list pages one campaign's entries by unit; the dashboard groups them by level, kind
            // of post or unit and counts statuses and ratings: every column it reads is in the index, so a
            // province campaign (34,144 entries) is counted from the index alone, without a row lookup each.
            entry.HasIndex(e => new { e.CampaignId, e.UnitId, e.Level, e.PostKind, e.Status, e.Rating }).HasDatabaseName("IX_roster_entries_dashboard");
        });

        modelBuilder.Entity<AddedReportForm>(form =>
        {
            form.ToTable("report_forms");
            form.HasKey(f => f.Id);
            form.Property(f => f.Name).HasMaxLength(20);
            form.HasIndex(f => f.Name).IsUnique();
            form.ComplexProperty(f => f.Added).MapAudit("added");
        });

        modelBuilder.Entity<DutyReportAttachment>(attachment =>
        {
            attachment.ToTable("duty_report_attachments");
            attachment.HasKey(a => a.Id);
            attachment.Property(a => a.FileName).HasMaxLength(255);
            attachment.Property(a => a.ContentType).HasMaxLength(100);
            attachment.Property(a => a.Sha256).HasMaxLength(64);
            attachment.HasIndex(a => a.EntryId);
        });
    }
}

/// <summary>The context on SQLite; its migrations live in Infrastructure/Migrations/Sqlite.</summary>
public sealed class SqliteAssessmentDbContext(DbContextOptions<SqliteAssessmentDbContext> options) : AssessmentDbContext(options);

/// <summary>The context on PostgreSQL; its migrations live in Infrastructure/Migrations/Postgres.</summary>
public sealed class PostgresAssessmentDbContext(DbContextOptions<PostgresAssessmentDbContext> options) : AssessmentDbContext(options);

internal sealed class SqliteAssessmentDesignTimeFactory : SqliteDesignTimeFactory<SqliteAssessmentDbContext>;

internal sealed class PostgresAssessmentDesignTimeFactory : PostgresDesignTimeFactory<PostgresAssessmentDbContext>;
