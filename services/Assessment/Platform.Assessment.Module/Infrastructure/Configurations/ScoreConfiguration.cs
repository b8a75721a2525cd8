using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Assessment.Module.Domain;
using Platform.BuildingBlocks.Persistence;

namespace Platform.Assessment.Module.Infrastructure.Configurations;

/// <summary>The facts derived scores come from and the office's marks; a unit's score reads both by year and unit.</summary>
internal sealed class ScoreConfiguration : IEntityTypeConfiguration<UnitFact>, IEntityTypeConfiguration<RecordedScore>
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
}
