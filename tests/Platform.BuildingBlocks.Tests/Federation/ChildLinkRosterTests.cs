using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Federation;
using Platform.BuildingBlocks.Node;
using Platform.Contracts.Events.Federation;

namespace Platform.BuildingBlocks.Tests.Federation;

/// <summary>
/// The services' list of child nodes, as the edge's announcements build it. Each announcement is written with the link
/// change that caused it, from a read made before that change commits: two approvals at once each announce the other's
/// link as it was before. The federation benchmark saw the result: a city's planning held six approved counties as
/// pending, so its cascades to "every active child" left them out and they never got the plan.
/// </summary>
public sealed class ChildLinkRosterTests : CityAndCounty
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Two_approvals_at_once_leave_both_children_active_whatever_order_their_announcements_arrive_in()
    {
        using var rudong = new TestNode("rudong", NodeLevel.County, "320623", Clock);
        Guid chongchuanLink, rudongLink;
        await using (var db = City.NewContext())
        {
            var enrolment = City.Enrolment(db);
            chongchuanLink = (await enrolment.RegisterChildAsync((await enrolment.CreateCodeAsync("320602", default)).Code, "chongchuan", "320602", County.RequestPem, default)).Id;
            rudongLink = (await enrolment.RegisterChildAsync((await enrolment.CreateCodeAsync("320623", default)).Code, "rudong", "320623", rudong.RequestPem, default)).Id;
        }
        Clock.Advance(TimeSpan.FromMinutes(1));

        // The operator approves 如东 while another approves 崇川: 如东's approval builds its list (崇川 still pending) ...
        await using var late = City.NewContext();
        var rudongRow = await late.Links.SingleAsync(l => l.Id == rudongLink);
        rudongRow.MoveTo(LinkState.Active, Clock.GetUtcNow().AddSeconds(1));
        await ChildLinkRoster.AnnounceAsync(late, City.Options.Id, Clock.GetUtcNow().AddSeconds(1), default);
        // ... 崇川's approval commits first, its list naming 如东 as pending ...
        await using (var db = City.NewContext())
        {
            await City.Enrolment(db).ApproveAsync(chongchuanLink, City.Authority, default);
        }
        // ... and 如东's commits last, with the later time.
        await late.SaveChangesAsync();

        List<ChildLinksChanged> announced;
        await using (var db = City.NewContext())
        {
            announced = (await db.OutboxMessages.Where(m => m.MessageType == "federation.child_links_changed.v1").OrderBy(m => m.Id).Select(m => m.Payload).ToListAsync())
                .Select(p => JsonSerializer.Deserialize<ChildLinksChanged>(p, Json)!)
                .ToList();
        }
        Assert.Equal(4, announced.Count);
        // The last list is the stale one: it still says 崇川 is pending.
        Assert.Equal("pending", announced.MaxBy(a => a.OccurredAt)!.Children.Single(c => c.NodeId == "chongchuan").State);

        foreach (var order in new[] { announced, announced.AsEnumerable().Reverse().ToList(), announced.OrderBy(a => a.OccurredAt).ToList() })
        {
            await using var roster = RosterContext.Open();
            foreach (var message in order)
            {
                await ChildNodes.ApplyAsync(roster, message, default);
                await roster.SaveChangesAsync();
            }
            var children = await roster.Set<ChildNode>().OrderBy(c => c.NodeId).Select(c => new { c.NodeId, c.State }).ToListAsync();
            Assert.Equal(
                [new { NodeId = "chongchuan", State = "active" }, new { NodeId = "rudong", State = "active" }],
                children);
        }
    }

    [Fact]
    public async Task A_list_from_an_older_edge_without_state_times_still_replaces_older_entries_and_a_missing_child_is_kept()
    {
        await using var roster = RosterContext.Open();
        var at = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        await ChildNodes.ApplyAsync(roster, new ChildLinksChanged([new("chongchuan", "320602", "pending"), new("rudong", "320623", "active")], at, "nantong"), default);
        await roster.SaveChangesAsync();
        // A later list (its time counts for entries without their own) revokes 崇川 and was read before 如东's link existed.
        await ChildNodes.ApplyAsync(roster, new ChildLinksChanged([new("chongchuan", "320602", "revoked")], at.AddMinutes(1), "nantong"), default);
        await roster.SaveChangesAsync();
        // An older list changes nothing.
        await ChildNodes.ApplyAsync(roster, new ChildLinksChanged([new("chongchuan", "320602", "active")], at.AddSeconds(30), "nantong"), default);
        await roster.SaveChangesAsync();

        var children = await roster.Set<ChildNode>().OrderBy(c => c.NodeId).Select(c => new { c.NodeId, c.State }).ToListAsync();
        Assert.Equal([new { NodeId = "chongchuan", State = "revoked" }, new { NodeId = "rudong", State = "active" }], children);
    }

    /// <summary>A service's store as far as its list of children goes.</summary>
    private sealed class RosterContext(DbContextOptions<RosterContext> options, SqliteConnection connection) : DbContext(options)
    {
        public static RosterContext Open()
        {
            var connection = new SqliteConnection("Data Source=:memory:");
            connection.Open();
            var context = new RosterContext(new DbContextOptionsBuilder<RosterContext>().UseSqlite(connection).Options, connection);
            context.Database.EnsureCreated();
            return context;
        }

        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.MapChildNodes();

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
