using Microsoft.EntityFrameworkCore;
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
            .Select(l => new ChildLinkState(l.PeerNodeId, l.PeerRegionCode, l.State.ToString().ToLowerInvariant()))
            .ToList();
        db.AddIntegrationEvent(new ChildLinksChanged(children, now, nodeId));
    }
}
