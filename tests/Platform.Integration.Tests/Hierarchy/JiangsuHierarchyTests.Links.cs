using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Federation;

namespace Platform.Integration.Tests.Hierarchy;

/// <summary>
/// A real hierarchy of separate embedded node processes, each with its own storage and certificate, joined
/// over their mutual-TLS federation listeners on loopback: one province, two cities, two counties under the
/// first city. Needs no external server (embedded nodes run on SQLite).
/// </summary>
public sealed partial class JiangsuHierarchyTests
{
    [Fact]
    [Step(3)]
    public async Task Five_node_processes_join_as_one_hierarchy_and_a_revoked_county_is_refused_with_its_backlog_kept()
    {
        Assert.Equal(
            [("child", "active", "nt-city", "320600"), ("child", "active", "sz-city", "320500")],
            Shape(await Province.ListLinksAsync()));
        Assert.Equal(
            [("child", "active", "cc-county", "320602"), ("child", "active", "tz-county", "320612"), ("parent", "active", "js-province", "320000")],
            Shape(await Nantong.ListLinksAsync()));
        Assert.Equal([("parent", "active", "js-province", "320000")], Shape(await Suzhou.ListLinksAsync()));
        Assert.Equal([("parent", "active", "nt-city", "320600")], Shape(await Chongchuan.ListLinksAsync()));
        Assert.Equal([("parent", "active", "nt-city", "320600")], Shape(await Tongzhou.ListLinksAsync()));
        // Each child holds its own certificate, issued by its parent at approval; each parent pins its own.
        var issued = await Task.WhenAll(Hierarchy.Nodes.Select(n => n.InStoreAsync(db =>
            db.Links.Where(l => l.Role == LinkRole.Child).Select(l => l.PeerCertificateThumbprint!).ToListAsync())));
        Assert.Equal(4, issued.SelectMany(t => t).Distinct().Count());
        var pinned = await Task.WhenAll(new[] { Nantong, Suzhou, Chongchuan }.Select(n => n.InStoreAsync(db =>
            db.Links.Where(l => l.Role == LinkRole.Parent).Select(l => l.PeerCertificateThumbprint!).SingleAsync())));
        Assert.Equal(pinned[0], pinned[1]);
        Assert.NotEqual(pinned[0], pinned[2]);
        Assert.DoesNotContain(pinned[0], issued.SelectMany(t => t));

        // A message from each county crosses to the city while its link is active.
        await EnqueueUpAsync(Chongchuan, "崇川区第一季度法治建设进展");
        await EnqueueUpAsync(Tongzhou, "通州区第一季度法治建设进展");
        await Eventually.GetAsync<object>(async () =>
            (await Nantong.ListLinksAsync()).Where(l => l.Role == "child").Sum(l => l.Unrecognised) == 2 ? true : null,
            TimeSpan.FromSeconds(30), "both counties' messages at the city");
        // The county marks its row delivered once the city's acknowledgement is back.
        await Eventually.GetAsync<object>(async () =>
            (await NodeHierarchy.LinkAsync(Chongchuan, Nantong)).Backlog == 0 ? true : null,
            TimeSpan.FromSeconds(30), "Chongchuan's backlog to empty");

        // The city revokes Chongchuan's link, without a restart: the county's next delivery is refused and kept.
        var revoked = await NodeHierarchy.LinkAsync(Nantong, Chongchuan);
        await Nantong.Links().RevokeLinkAsync(new() { LinkId = revoked.LinkId }, await Nantong.OperatorAsync());
        var refusedId = await EnqueueUpAsync(Chongchuan, "崇川区第二季度法治建设进展");
        await Eventually.GetAsync<object>(() => Chongchuan.InStoreAsync(async db =>
            await db.LinkOutbox.AnyAsync(m => m.MessageId == refusedId && m.Attempts > 0 && m.LastError != null) ? (object)true : null),
            TimeSpan.FromSeconds(30), "the revoked county's delivery attempt");
        var kept = await NodeHierarchy.LinkAsync(Chongchuan, Nantong);
        Assert.Equal(1, kept.Backlog);
        Assert.True(kept.OldestUndeliveredAgeSeconds >= 0);
        Assert.Contains("PermissionDenied", await Chongchuan.InStoreAsync(db =>
            db.LinkOutbox.Where(m => m.MessageId == refusedId).Select(m => m.LastError!).SingleAsync()));
        Assert.Equal(("revoked", 1), ((await NodeHierarchy.LinkAsync(Nantong, Chongchuan)).State, (await NodeHierarchy.LinkAsync(Nantong, Chongchuan)).Unrecognised));

        // Tongzhou, on the same city, still delivers.
        await EnqueueUpAsync(Tongzhou, "通州区第二季度法治建设进展");
        await Eventually.GetAsync<object>(async () =>
            (await NodeHierarchy.LinkAsync(Nantong, Tongzhou)).Unrecognised == 2 ? true : null,
            TimeSpan.FromSeconds(30), "Tongzhou's second message at the city");
        Assert.Equal(1, (await NodeHierarchy.LinkAsync(Chongchuan, Nantong)).Backlog);
    }

    private static List<(string Role, string State, string Peer, string Region)> Shape(IEnumerable<Platform.Contracts.Federation.V1.Link> links) =>
        links.Select(l => (l.Role, l.State, l.PeerNodeId, l.PeerRegionCode)).OrderBy(l => l.Role).ThenBy(l => l.PeerNodeId, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Puts a message for the county's parent into the county's own link outbox, in its store; no flow sends
    /// one yet, and the city keeps an unknown wire name as unrecognised, which ListLinks counts.
    /// </summary>
    private static async Task<Guid> EnqueueUpAsync(NodeProcess county, string text)
    {
        var messageId = Guid.CreateVersion7();
        await county.InStoreAsync(async db =>
        {
            var link = await db.Links.SingleAsync(l => l.Role == LinkRole.Parent);
            await LinkOutbox.EnqueueAsync(db, link.Id, messageId, "federation.hierarchy_probe.v1", text, DateTimeOffset.UtcNow, CancellationToken.None);
            return await db.SaveChangesAsync();
        });
        return messageId;
    }
}
