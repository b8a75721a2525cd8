using System.Text.RegularExpressions;

namespace Platform.Planning.Module.Features.Federation;

/// <summary>
/// The checks of the child nodes an office names for what it sends down (a cascade, a calendar update), made up front
/// from the edge's list of child links kept here (ADR 0018), so nothing is dropped later at the edge.
/// </summary>
internal static partial class ChildNodeChecks
{
    /// <summary>A named node id that is not of the form of one is a bad field.</summary>
    public static void CheckFormat(RequestValidator validator, IEnumerable<string> named)
    {
        foreach (var node in named.Where(n => !NodeIdFormat().IsMatch(n ?? string.Empty)))
        {
            validator.Add("child_node_ids", $"'{node}' is not a node id (1-64 letters, digits, '-' or '_')");
        }
    }

    /// <summary>
    /// A named node that is not a child is a bad field, a child whose link is revoked cannot take it, and with none named
    /// there must be an active child to send to. A pending child may be named: it waits in its link's backlog until the
    /// link is approved. Node ids compare ignoring case (as the edge's links do): a child named in another case is that
    /// child, once.
    /// </summary>
    /// <returns>The children named, each once, as their links spell them (empty when none is named).</returns>
    public static async Task<List<string>> RequireChildrenAsync(PlanningDbContext db, IReadOnlyCollection<string> named, string what, CancellationToken cancellationToken)
    {
        var children = (await db.ChildNodes.AsNoTracking().ToListAsync(cancellationToken))
            .DistinctBy(c => c.NodeId, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(c => c.NodeId, StringComparer.OrdinalIgnoreCase);
        var validator = new RequestValidator();
        foreach (var node in named.Where(n => !children.ContainsKey(n)))
        {
            validator.Add("child_node_ids", $"'{node}' is not a child node of this node");
        }
        validator.ThrowIfInvalid();
        if (named.FirstOrDefault(n => children[n].Revoked) is { } revoked)
        {
            throw new PreconditionFailedException($"child_node_ids: the link to child node '{children[revoked].NodeId}' is revoked; nothing can be {what} to it.");
        }
        if (named.Count == 0 && !children.Values.Any(c => c.State == "active"))
        {
            throw new PreconditionFailedException($"child_node_ids: this node has no active child node; nothing can be {what}.");
        }
        return named.Select(n => children[n].NodeId).Distinct(StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex(Platform.BuildingBlocks.Node.NodeOptions.IdPattern)]
    private static partial Regex NodeIdFormat();
}
