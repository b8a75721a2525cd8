using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Outbox;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Events.Federation;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// Tells the node's services which children it has (<see cref="ChildLinksChanged"/>), so a cascade naming a node
/// that is not a child, or whose link is revoked, is refused when the office makes it instead of being dropped
/// later at the edge. The services keep the list; nothing calls the edge at request time.
/// </summary>
public static class ChildLinkRoster
{
    /// <summary>Adds the event with every child link as it will be once <paramref name="db"/> saves; the caller saves.</summary>
    public static async Task AnnounceAsync(FederationDbContext db, string nodeId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var tracked = db.ChangeTracker.Entries<FederationLink>()
            .Where(e => e.State != EntityState.Deleted && e.Entity.Role == LinkRole.Child)
            .ToDictionary(e => e.Entity.Id, e => e.Entity);
        var stored = await db.Links.AsNoTracking().Where(l => l.Role == LinkRole.Child).ToListAsync(cancellationToken);
        var children = stored.Where(l => !tracked.ContainsKey(l.Id)).Concat(tracked.Values)
            .OrderBy(l => l.PeerNodeId, StringComparer.Ordinal)
            .Select(l => new ChildLinkState(l.PeerNodeId, l.PeerRegionCode, l.State.ToString().ToLowerInvariant(), l.StateSince))
            .ToList();
        db.AddIntegrationEvent(new ChildLinksChanged(children, now, nodeId));
    }
}

/// <summary>
/// A child node of this node as the federation edge last announced it (<c>federation.child_links_changed.v1</c>), kept by
/// each service that addresses the nodes below (planning's cascades, notification's notices) in its own store, so its
/// checks need no call to the edge. The list, its table and its consumer are here, once, for every such service.
/// </summary>
public sealed class ChildNode
{
    private ChildNode()
    {
    }

    public string NodeId { get; private set; } = string.Empty;

    public string RegionCode { get; private set; } = string.Empty;

    /// <summary>The link's state at the edge: pending, active or revoked.</summary>
    public string State { get; private set; } = string.Empty;

    /// <summary>When the link's state began (or, from an edge older than that field, when the edge listed it); an older entry changes nothing.</summary>
    public DateTimeOffset AsOf { get; private set; }

    public bool Revoked => State == "revoked";

    /// <summary>
    /// Whether a message for <paramref name="regionCode"/> can go through this child's link: the child's own region or,
    /// for a city, one of its counties, over a link that is not revoked (a pending link keeps it until approval).
    /// </summary>
    public bool LeadsTo(string regionCode) => !Revoked && Regions.Routes(RegionCode, regionCode);

    public static ChildNode Create(string nodeId) => new() { NodeId = nodeId };

    public void Update(string regionCode, string state, DateTimeOffset asOf)
    {
        RegionCode = regionCode;
        State = state;
        AsOf = asOf;
    }
}

/// <summary>The kept list of child nodes in a service's store: its table and how an announcement replaces it.</summary>
public static class ChildNodes
{
    /// <summary>Maps <see cref="ChildNode"/> to the service's <c>child_nodes</c> table.</summary>
    public static ModelBuilder MapChildNodes(this ModelBuilder modelBuilder) => modelBuilder.Entity<ChildNode>(child =>
    {
        child.ToTable("child_nodes");
        child.HasKey(c => c.NodeId);
        child.Property(c => c.NodeId).HasMaxLength(64);
        child.Property(c => c.RegionCode).HasMaxLength(6);
        child.Property(c => c.State).HasMaxLength(16);
        child.Ignore(c => c.Revoked);
    });

    /// <summary>
    /// Merges an announced list into the kept one, child by child: an entry whose state began no earlier than the kept
    /// one's replaces it; the caller saves. Not the whole list by its time: the edge builds a list when a link changes,
    /// reading the other links before its own change commits, so two approvals at once announce each other's link as
    /// still pending, and the later list must not undo the earlier approval (a city's planning then left six of its
    /// counties out of every cascade in the federation benchmark). A child the list lacks is kept: the edge never
    /// deletes a link, so a list without one was read before it was made.
    /// </summary>
    public static async Task ApplyAsync(DbContext db, ChildLinksChanged announced, CancellationToken cancellationToken)
    {
        var set = db.Set<ChildNode>();
        var rows = await set.ToDictionaryAsync(c => c.NodeId, cancellationToken);
        foreach (var child in announced.Children.DistinctBy(c => c.NodeId))
        {
            var since = child.StateSince ?? announced.OccurredAt;
            if (!rows.TryGetValue(child.NodeId, out var row))
            {
                row = ChildNode.Create(child.NodeId);
                set.Add(row);
                rows.Add(child.NodeId, row);
            }
            else if (row.AsOf > since)
            {
                continue;
            }
            row.Update(child.RegionCode, child.State, since);
        }
    }
}

/// <summary>
/// Keeps a service's list of child nodes (<see cref="ChildNodes"/>). Each service derives one, named by its own wire
/// name (ADR 0010), so each keeps its own inbox record of the announcements.
/// </summary>
public abstract class ChildLinksChangedConsumerBase<TContext>(TContext db, TimeProvider clock)
    : IdempotentConsumer<ChildLinksChanged, TContext>(db, clock)
    where TContext : PlatformDbContext
{
    protected override Task HandleAsync(ChildLinksChanged message, ConsumeContext<ChildLinksChanged> context) =>
        ChildNodes.ApplyAsync(Db, message, context.CancellationToken);
}
