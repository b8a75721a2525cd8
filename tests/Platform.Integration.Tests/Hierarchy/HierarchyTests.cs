using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Federation;

namespace Platform.Integration.Tests.Hierarchy;

/// <summary>
/// A real hierarchy of separate embedded node processes, each with its own storage and certificate, joined
/// over their mutual-TLS federation listeners on loopback: one province, two cities, two counties under the
/// first city. Needs no external server (embedded nodes run on SQLite).
/// </summary>
[Collection(HierarchyCollection.Name)]
public sealed class HierarchyTests : IAsyncLifetime
{
    private readonly NodeHierarchy _hierarchy = new();
    private readonly NodeProcess _province;
    private readonly NodeProcess _nantong;
    private readonly NodeProcess _suzhou;
    private readonly NodeProcess _chongchuan;
    private readonly NodeProcess _tongzhou;

    public HierarchyTests()
    {
        _province = _hierarchy.Add("js-province", "Province", "320000", "江苏省委全面依法治省委员会办公室");
        _nantong = _hierarchy.Add("nt-city", "City", "320600", "南通市委全面依法治市委员会办公室");
        _suzhou = _hierarchy.Add("sz-city", "City", "320500", "苏州市委全面依法治市委员会办公室");
        _chongchuan = _hierarchy.Add("cc-county", "County", "320602", "崇川区委全面依法治区委员会办公室");
        _tongzhou = _hierarchy.Add("tz-county", "County", "320612", "通州区委全面依法治区委员会办公室");
    }

    public async Task InitializeAsync()
    {
        try
        {
            await _hierarchy.StartAllAsync();
            await Task.WhenAll(
                NodeHierarchy.JoinAsync(_province, _nantong),
                NodeHierarchy.JoinAsync(_province, _suzhou),
                NodeHierarchy.JoinAsync(_nantong, _chongchuan),
                NodeHierarchy.JoinAsync(_nantong, _tongzhou));
        }
        catch
        {
            // xunit does not dispose a class whose start failed: the started nodes would outlive the run.
            await _hierarchy.DisposeAsync();
            throw;
        }
    }

    [Fact]
    public async Task Five_node_processes_join_as_one_hierarchy_and_a_revoked_county_is_refused_with_its_backlog_kept()
    {
        Assert.Equal(
            [("child", "active", "nt-city", "320600"), ("child", "active", "sz-city", "320500")],
            Shape(await _province.ListLinksAsync()));
        Assert.Equal(
            [("child", "active", "cc-county", "320602"), ("child", "active", "tz-county", "320612"), ("parent", "active", "js-province", "320000")],
            Shape(await _nantong.ListLinksAsync()));
        Assert.Equal([("parent", "active", "js-province", "320000")], Shape(await _suzhou.ListLinksAsync()));
        Assert.Equal([("parent", "active", "nt-city", "320600")], Shape(await _chongchuan.ListLinksAsync()));
        Assert.Equal([("parent", "active", "nt-city", "320600")], Shape(await _tongzhou.ListLinksAsync()));
        // Each child holds its own certificate, issued by its parent at approval; each parent pins its own.
        var issued = await Task.WhenAll(_hierarchy.Nodes.Select(n => n.InStoreAsync(db =>
            db.Links.Where(l => l.Role == LinkRole.Child).Select(l => l.PeerCertificateThumbprint!).ToListAsync())));
        Assert.Equal(4, issued.SelectMany(t => t).Distinct().Count());
        var pinned = await Task.WhenAll(new[] { _nantong, _suzhou, _chongchuan }.Select(n => n.InStoreAsync(db =>
            db.Links.Where(l => l.Role == LinkRole.Parent).Select(l => l.PeerCertificateThumbprint!).SingleAsync())));
        Assert.Equal(pinned[0], pinned[1]);
        Assert.NotEqual(pinned[0], pinned[2]);
        Assert.DoesNotContain(pinned[0], issued.SelectMany(t => t));

        // A message from each county crosses to the city while its link is active.
        await EnqueueUpAsync(_chongchuan, "崇川区第一季度法治建设进展");
        await EnqueueUpAsync(_tongzhou, "通州区第一季度法治建设进展");
        await Eventually.GetAsync<object>(async () =>
            (await _nantong.ListLinksAsync()).Where(l => l.Role == "child").Sum(l => l.Unrecognised) == 2 ? true : null,
            TimeSpan.FromSeconds(30), "both counties' messages at the city");
        // The county marks its row delivered once the city's acknowledgement is back.
        await Eventually.GetAsync<object>(async () =>
            (await NodeHierarchy.LinkAsync(_chongchuan, _nantong)).Backlog == 0 ? true : null,
            TimeSpan.FromSeconds(30), "Chongchuan's backlog to empty");

        // The city revokes Chongchuan's link, without a restart: the county's next delivery is refused and kept.
        var revoked = await NodeHierarchy.LinkAsync(_nantong, _chongchuan);
        await _nantong.Links().RevokeLinkAsync(new() { LinkId = revoked.LinkId }, await _nantong.OperatorAsync());
        var refusedId = await EnqueueUpAsync(_chongchuan, "崇川区第二季度法治建设进展");
        await Eventually.GetAsync<object>(() => _chongchuan.InStoreAsync(async db =>
            await db.LinkOutbox.AnyAsync(m => m.MessageId == refusedId && m.Attempts > 0 && m.LastError != null) ? (object)true : null),
            TimeSpan.FromSeconds(30), "the revoked county's delivery attempt");
        var kept = await NodeHierarchy.LinkAsync(_chongchuan, _nantong);
        Assert.Equal(1, kept.Backlog);
        Assert.True(kept.OldestUndeliveredAgeSeconds >= 0);
        Assert.Contains("PermissionDenied", await _chongchuan.InStoreAsync(db =>
            db.LinkOutbox.Where(m => m.MessageId == refusedId).Select(m => m.LastError!).SingleAsync()));
        Assert.Equal(("revoked", 1), ((await NodeHierarchy.LinkAsync(_nantong, _chongchuan)).State, (await NodeHierarchy.LinkAsync(_nantong, _chongchuan)).Unrecognised));

        // Tongzhou, on the same city, still delivers.
        await EnqueueUpAsync(_tongzhou, "通州区第二季度法治建设进展");
        await Eventually.GetAsync<object>(async () =>
            (await NodeHierarchy.LinkAsync(_nantong, _tongzhou)).Unrecognised == 2 ? true : null,
            TimeSpan.FromSeconds(30), "Tongzhou's second message at the city");
        Assert.Equal(1, (await NodeHierarchy.LinkAsync(_chongchuan, _nantong)).Backlog);
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

    public async Task DisposeAsync() => await _hierarchy.DisposeAsync();
}
