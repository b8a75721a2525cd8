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

    /// <summary>
    /// Saves with the links' outgoing sequences claimed first. A message written on a link takes the link's next sequence
    /// (<see cref="LinkOutbox.EnqueueAsync"/>); two writers that read the same one (a delivery round moving the pending
    /// summaries and a consumer writing on the link, say, both reading the link fresh after a restart) must not both
    /// commit. EF orders a save's statements by table, so the outbox row's insert ran before the link's conditional update
    /// and the loser met the (link, sequence) unique index instead of the concurrency token: an error-level log and a
    /// failed round. Here the counter moves first, by a conditional update in the save's transaction; a writer that lost
    /// the sequence gets <see cref="DbUpdateConcurrencyException"/> before it inserts anything, as every caller expects.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var claims = ChangeTracker.Entries<FederationLink>()
            .Where(e => e.State == EntityState.Modified && e.Property(l => l.NextOutgoingSequence).IsModified)
            .Select(e => (Entry: e, From: e.Property(l => l.NextOutgoingSequence).OriginalValue))
            .ToList();
        if (claims.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var claimed = 0;
        try
        {
            foreach (var (entry, from) in claims)
            {
                var id = entry.Entity.Id;
                var to = entry.Entity.NextOutgoingSequence;
                if (await Links.Where(l => l.Id == id && l.NextOutgoingSequence == from)
                        .ExecuteUpdateAsync(u => u.SetProperty(l => l.NextOutgoingSequence, to), cancellationToken) == 0)
                {
                    throw new DbUpdateConcurrencyException($"The outgoing sequence {from} of link {id} was taken by another writer meanwhile.");
                }
                var property = entry.Property(l => l.NextOutgoingSequence);
                property.OriginalValue = to;
                property.IsModified = false;
                claimed++;
            }
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
            return saved;
        }
        catch
        {
            if (own is not null)
            {
                await own.RollbackAsync(CancellationToken.None);
            }
            // Rolled back (here, or by the caller's transaction): the entries ask for their claim again if saved again.
            foreach (var (entry, from) in claims.Take(claimed))
            {
                if (entry.State != EntityState.Detached)
                {
                    var property = entry.Property(l => l.NextOutgoingSequence);
                    property.OriginalValue = from;
                    property.IsModified = true;
                }
            }
            throw;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

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
