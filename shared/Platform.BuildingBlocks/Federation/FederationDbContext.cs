using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Persistence;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// The edge's federation store (<c>federationdb</c>): links, enrolment codes and the per-link
/// outbox and inbox, and the
/// latest-only messages waiting for the next delivery round. It derives from <see cref="PlatformDbContext"/> so a received message
/// becomes a local integration event in the same transaction as its inbox row.
/// </summary>
public class FederationDbContext(DbContextOptions options) : PlatformDbContext(options)
{
    public DbSet<FederationLink> Links => Set<FederationLink>();

    public DbSet<EnrolmentCode> EnrolmentCodes => Set<EnrolmentCode>();

    public DbSet<LinkOutboxMessage> LinkOutbox => Set<LinkOutboxMessage>();

    public DbSet<LinkInboxMessage> LinkInbox => Set<LinkInboxMessage>();

    public DbSet<LinkPendingMessage> LinkPending => Set<LinkPendingMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfiguration(new FederationLinkConfiguration());
        modelBuilder.ApplyConfiguration(new EnrolmentCodeConfiguration());
        modelBuilder.ApplyConfiguration(new LinkOutboxMessageConfiguration());
        modelBuilder.ApplyConfiguration(new LinkInboxMessageConfiguration());
        modelBuilder.ApplyConfiguration(new LinkPendingMessageConfiguration());
    }

    protected override void DescribeUniqueKeys(UniqueKeyMessages keys) =>
        keys.AlreadyExists<FederationLink>(l => l.PeerNodeId, l => $"节点 {l.PeerNodeId} 已登记");
}
