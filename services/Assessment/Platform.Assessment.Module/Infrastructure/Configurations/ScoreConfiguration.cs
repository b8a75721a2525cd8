using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Appeal = Platform.Assessment.Module.Domain.Appeal;
using ScorePublication = Platform.Assessment.Module.Domain.ScorePublication;

namespace Platform.Assessment.Module.Infrastructure.Configurations;

/// <summary>The facts derived scores come from and the office's marks; a unit's score reads both by year and unit.</summary>
internal sealed class ScoreConfiguration
    : IEntityTypeConfiguration<UnitFact>, IEntityTypeConfiguration<RecordedScore>, IEntityTypeConfiguration<Appeal>, IEntityTypeConfiguration<ScorePublication>
{
    public void Configure(EntityTypeBuilder<UnitFact> fact)
    {
        fact.ToTable("unit_facts");
        fact.HasKey(f => f.Id);
        fact.Property(f => f.Id).ValueGeneratedNever();
        fact.Property(f => f.Source).HasMaxLength(40);
        fact.Property(f => f.Subject).HasMaxLength(120);
        fact.Property(f => f.Detail).HasMaxLength(300);
        fact.Property(f => f.EventKind).HasMaxLength(100);
        fact.HasIndex(f => new { f.Year, f.UnitId, f.Source });
    }

    public void Configure(EntityTypeBuilder<RecordedScore> score)
    {
        score.ToTable("recorded_scores");
        score.HasKey(s => s.Id);
        score.Property(s => s.Id).ValueGeneratedNever();
        score.Property(s => s.IndicatorCode).HasMaxLength(20);
        score.Property(s => s.Evaluation).HasConversion<string>().HasMaxLength(20);
        score.Property(s => s.Value).HasPrecision(12, 2);
        score.Property(s => s.Note).HasMaxLength(500);
        score.ComplexProperty(s => s.Recorded).MapAudit("recorded");
        score.HasIndex(s => new { s.Year, s.UnitId, s.IndicatorCode, s.Evaluation }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<Appeal> appeal)
    {
        appeal.ToTable("appeals");
        appeal.HasKey(a => a.Id);
        appeal.Property(a => a.Id).ValueGeneratedNever();
        appeal.Property(a => a.IndicatorCode).HasMaxLength(20);
        appeal.Property(a => a.Reason).HasMaxLength(2000);
        appeal.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        appeal.Property(a => a.Comment).HasMaxLength(2000);
        appeal.Property(a => a.Adjustment).HasPrecision(12, 2);
        appeal.Property(a => a.CombinedBefore).HasPrecision(12, 2);
        appeal.Property(a => a.CombinedAfter).HasPrecision(12, 2);
        appeal.ComplexProperty(a => a.Filed).MapAudit("filed");
        appeal.ComplexProperty(a => a.Decided).MapAudit("decided");
        appeal.Property(a => a.Version).IsConcurrencyToken();
        appeal.HasIndex(a => new { a.Year, a.UnitId });
        // One pending appeal per leaf and unit, whoever files first: the store refuses the second.
        appeal.HasIndex(a => new { a.Year, a.UnitId, a.IndicatorCode }).IsUnique().HasFilter("\"Status\" = 'Pending'");
    }

    public void Configure(EntityTypeBuilder<ScorePublication> publication)
    {
        publication.ToTable("score_publications");
        publication.HasKey(p => p.Id);
        publication.Property(p => p.Id).ValueGeneratedNever();
        // A snapshot read and written whole.
        publication.OwnsMany(p => p.Results, result => result.ToJson("results"));
        publication.ComplexProperty(p => p.Published).MapAudit("published");
        publication.HasIndex(p => p.Year);
    }
}
