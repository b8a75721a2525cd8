using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Assessment.Module.Infrastructure.Configurations;

/// <summary>Campaigns across nodes (ADR 0023): a campaign's origin and revision, the children it went to, what the nodes below sent up, their heads' dossiers.</summary>
internal sealed class CampaignFederationConfiguration
    : IEntityTypeConfiguration<DutyCampaign>, IEntityTypeConfiguration<CampaignChildCascade>, IEntityTypeConfiguration<CampaignNodeCounts>,
        IEntityTypeConfiguration<ReceivedDossier>
{
    public void Configure(EntityTypeBuilder<CampaignChildCascade> cascade)
    {
        cascade.ToTable("campaign_child_cascades");
        cascade.HasKey(c => new { c.CampaignId, c.ChildNodeId });
        cascade.Property(c => c.ChildNodeId).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<DutyCampaign> campaign)
    {
        campaign.Property(c => c.OriginNodeId).HasMaxLength(64);
        campaign.Property(c => c.ReceiverNodeId).HasMaxLength(64);
        campaign.Property(c => c.ReceiverRegionCode).HasMaxLength(6);
        campaign.Ignore(c => c.IsReceived);
        // One local campaign per campaign from above: a second copy (a resend, a replay) finds the first.
        campaign.HasIndex(c => new { c.OriginNodeId, c.OriginCampaignId }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<CampaignNodeCounts> counts)
    {
        counts.ToTable("campaign_node_counts");
        counts.HasKey(c => c.Id);
        counts.Property(c => c.Id).ValueGeneratedNever();
        counts.Property(c => c.NodeId).HasMaxLength(64);
        counts.Property(c => c.ParentNodeId).HasMaxLength(64);
        counts.Property(c => c.SenderNodeId).HasMaxLength(64);
        counts.Property(c => c.RegionCode).HasMaxLength(6);
        counts.HasIndex(c => new { c.CampaignId, c.NodeId }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<ReceivedDossier> dossier)
    {
        dossier.ToTable("dossiers_from_below");
        dossier.HasKey(d => d.Id);
        dossier.Property(d => d.Id).ValueGeneratedNever();
        dossier.Property(d => d.NodeId).HasMaxLength(64);
        dossier.Property(d => d.RegionCode).HasMaxLength(6);
        dossier.Property(d => d.Name).HasMaxLength(100);
        dossier.Property(d => d.UnitName).HasMaxLength(200);
        dossier.Property(d => d.Position).HasMaxLength(200);
        dossier.Property(d => d.PostKind).HasMaxLength(30);
        dossier.HasIndex(d => new { d.NodeId, d.PersonId }).IsUnique();
        dossier.HasIndex(d => d.PersonId);
    }
}
