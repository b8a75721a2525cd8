using Platform.Contracts.Planning.V1;

namespace Platform.WebConsole.Federation;

/// <summary>One node of a plan's roll-up with the nodes that report to it, as the tree of regions shows it.</summary>
public sealed record RollUpBranch(NodeProgress Progress, int Depth, bool IsOwn, bool Stale, IReadOnlyList<RollUpBranch> Children)
{
    public string NodeId => Progress.NodeId;

    /// <summary>Completed units of those assigned, 0..100.</summary>
    public int Percent => Progress.UnitsAssigned == 0
        ? 0
        : (int)Math.Round(100.0 * Math.Min(Progress.UnitsCompleted, Progress.UnitsAssigned) / Progress.UnitsAssigned, MidpointRounding.AwayFromZero);

    /// <summary>This branch and every branch below it, depth first (the order the table shows them).</summary>
    public IEnumerable<RollUpBranch> Flatten()
    {
        yield return this;
        foreach (var child in Children)
        {
            foreach (var below in child.Flatten())
            {
                yield return below;
            }
        }
    }
}

/// <summary>
/// A plan's roll-up (GetPlanRollUp, summed per node) as a tree: this node's own units at the root, each child under it
/// and each grandchild under its child. A node whose figures came up longer ago than <see cref="StaleAfter"/> is
/// marked stale: children send a summary on every change, so old figures mean a quiet or an unreachable region.
/// </summary>
public static class RollUpTree
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(3);

    /// <summary>The root (this node), or null for a roll-up without nodes.</summary>
    public static RollUpBranch? Build(PlanRollUp rollUp, DateTimeOffset now)
    {
        var own = rollUp.Nodes.FirstOrDefault(n => string.IsNullOrEmpty(n.ParentNodeId));
        if (own is null)
        {
            return null;
        }
        var byParent = rollUp.Nodes.Where(n => !string.IsNullOrEmpty(n.ParentNodeId))
            .ToLookup(n => n.ParentNodeId, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal) { own.NodeId };
        var children = Branches(own.NodeId, 1);
        // A node whose parent did not come up (yet) still shows, under this node, rather than disappear.
        var known = rollUp.Nodes.Select(n => n.NodeId).ToHashSet(StringComparer.Ordinal);
        var orphans = rollUp.Nodes.Where(n => !string.IsNullOrEmpty(n.ParentNodeId) && !known.Contains(n.ParentNodeId))
            .OrderBy(n => n.NodeId, StringComparer.Ordinal).ToList();
        foreach (var orphan in orphans)
        {
            if (!seen.Add(orphan.NodeId))
            {
                continue;
            }
            children.Add(new RollUpBranch(orphan, 1, false, IsStale(orphan, now), Branches(orphan.NodeId, 2)));
        }
        return new RollUpBranch(own, 0, true, false, children);

        List<RollUpBranch> Branches(string parent, int depth) =>
            byParent[parent].Where(n => seen.Add(n.NodeId))
                .OrderBy(n => n.NodeId, StringComparer.Ordinal)
                .ToList()
                .Select(n => new RollUpBranch(n, depth, false, IsStale(n, now), Branches(n.NodeId, depth + 1)))
                .ToList();
    }

    /// <summary>The direct children of this node that the roll-up names (those a cascade can be sent to by name).</summary>
    public static IReadOnlyList<string> DirectChildren(PlanRollUp? rollUp)
    {
        var own = rollUp?.Nodes.FirstOrDefault(n => string.IsNullOrEmpty(n.ParentNodeId));
        return own is null
            ? []
            : rollUp!.Nodes.Where(n => n.ParentNodeId == own.NodeId).Select(n => n.NodeId).Distinct(StringComparer.Ordinal)
                .OrderBy(n => n, StringComparer.Ordinal).ToList();
    }

    public static bool IsStale(NodeProgress node, DateTimeOffset now) =>
        ChinaTime.Instant(node.AsOf) is not { } asOf || now - asOf > StaleAfter;

    /// <summary>"3 天前" for a stale node's figures.</summary>
    public static string Age(NodeProgress node, DateTimeOffset now) =>
        ChinaTime.Instant(node.AsOf) is { } asOf
            ? $"{Math.Max(0, (int)(now - asOf).TotalDays)} 天前"
            : "时间不明";
}
