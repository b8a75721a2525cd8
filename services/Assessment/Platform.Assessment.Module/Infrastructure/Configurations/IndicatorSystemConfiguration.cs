using Microsoft.EntityFrameworkCore.Metadata.Builders;
using IndicatorSystem = Platform.Assessment.Module.Domain.IndicatorSystem;

namespace Platform.Assessment.Module.Infrastructure.Configurations;

internal sealed class IndicatorSystemConfiguration : IEntityTypeConfiguration<IndicatorSystem>
{
    public void Configure(EntityTypeBuilder<IndicatorSystem> system)
    {
        system.ToTable("indicator_systems");
        system.HasKey(s => s.Year);
        system.Property(s => s.Year).ValueGeneratedNever();
        // The tree is read and replaced whole, so it is one JSON document per year.
        system.OwnsMany(s => s.Indicators, indicator =>
        {
            indicator.ToJson("indicators");
            indicator.Property(i => i.Scoring).HasConversion<string>();
        });
        system.ComplexProperty(s => s.Updated).MapAudit("updated");
    }
}
