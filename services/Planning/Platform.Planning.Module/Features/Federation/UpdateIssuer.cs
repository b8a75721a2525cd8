using Platform.BuildingBlocks.Federation;
using Platform.BuildingBlocks.Node;

namespace Platform.Planning.Module.Features.Federation;

/// <summary>
/// Who issues an update for the nodes below (a calendar update, a reporting-rule update: ADR 0024) and under which
/// number: this node, its level, the issuer's next version, when, and the children named, once each.
/// </summary>
internal sealed record UpdateIssuer(Guid UpdateId, string NodeId, string Level, long Version, DateTimeOffset At, List<string> ChildNodeIds)
{
    public static async Task<UpdateIssuer> NextAsync<T>(
        IQueryable<T> kept, PlanningAccess access, NodeOptions node, IEnumerable<string> childNodeIds, CancellationToken cancellationToken)
        where T : class, IUpdateFromAbove
    {
        var stamp = access.Now();
        var version = await UpdatesFromAbove.NextVersionAsync(kept, stamp.NodeId, cancellationToken);
        return new UpdateIssuer(
            Guid.NewGuid(), stamp.NodeId, node.Level.ToString().ToLowerInvariant(), version, stamp.At, childNodeIds.Distinct(StringComparer.Ordinal).ToList());
    }
}
