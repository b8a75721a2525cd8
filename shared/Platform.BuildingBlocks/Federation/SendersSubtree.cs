using Microsoft.EntityFrameworkCore;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// What a child may say about the nodes below it, one rule for every flow that carries per-node rows up (task progress,
/// campaign counts; ADR 0018, 0023). A child speaks for itself and its own subtree only: a row is kept when it is the
/// sender's (in the link's region), or when its parent chain within the message leads to the sender through kept rows
/// and its region lies in the sender's region. A row naming this node, another of its children (node ids compare
/// ignoring case) or no node at all is dropped, and so is every row hanging below a dropped one.
/// </summary>
public static class SendersSubtree
{
    /// <summary>How far a row's "as of" may lie ahead of this node's clock (clocks of two offices differ a little); further ahead is a row frozen on purpose.</summary>
    public static readonly TimeSpan MaxAsOfAhead = TimeSpan.FromMinutes(5);

    /// <summary>Whether a time reported from below can be true by this node's clock.</summary>
    public static bool Believable(DateTimeOffset asOf, DateTimeOffset now) => asOf <= now + MaxAsOfAhead;

    /// <summary>The node ids a row from <paramref name="link"/>'s child may never name: this node and its other children.</summary>
    public static async Task<HashSet<string>> RefusedNodeIdsAsync(FederationDbContext db, FederationLink link, string ownNodeId, CancellationToken cancellationToken)
    {
        var otherChildren = await db.Links.AsNoTracking()
            .Where(l => l.Role == LinkRole.Child && l.Id != link.Id)
            .Select(l => l.PeerNodeId)
            .ToListAsync(cancellationToken);
        return new HashSet<string>([ownNodeId, .. otherChildren], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The rows the sender may speak for, in the order they came (the first row of a node id wins).</summary>
    /// <param name="regionOf">The region a row names, or null when the message names none (the sender's own row may omit it).</param>
    public static List<TRow> Keep<TRow>(
        FederationLink link, IEnumerable<TRow?> rows, Func<TRow, string?> nodeIdOf, Func<TRow, string?> parentNodeIdOf, Func<TRow, string?> regionOf,
        IReadOnlySet<string> refused)
        where TRow : class
    {
        var distinct = rows.OfType<TRow>()
            .Where(r => !string.IsNullOrWhiteSpace(nodeIdOf(r)))
            .DistinctBy(r => nodeIdOf(r)!, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var reached = new HashSet<string>(StringComparer.Ordinal) { link.PeerNodeId };
        // Not even the sender's own row when it names this node (or another child), or a region other than its link's.
        var kept = distinct
            .Where(r => nodeIdOf(r) == link.PeerNodeId && !refused.Contains(link.PeerNodeId) && (regionOf(r) is null || regionOf(r) == link.PeerRegionCode))
            .ToList();
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var row in distinct)
            {
                var nodeId = nodeIdOf(row)!;
                if (reached.Contains(nodeId) || parentNodeIdOf(row) is not { } parent || !reached.Contains(parent) || refused.Contains(nodeId)
                    || regionOf(row) is not { } region || !Regions.Routes(link.PeerRegionCode, region))
                {
                    continue;
                }
                reached.Add(nodeId);
                kept.Add(row);
                grew = true;
            }
        }
        return kept;
    }
}
