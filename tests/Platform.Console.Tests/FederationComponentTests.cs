using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.BuildingBlocks.Node;
using Platform.Contracts.Planning.V1;
using Platform.WebConsole.Components.Shared;
using Platform.WebConsole.Federation;

namespace Platform.WebConsole.Tests;

/// <summary>The hierarchy's pieces with logic: the roll-up as a tree of regions, a revision's changes, a link's backlog age.</summary>
public sealed class FederationComponentTests : BunitContext
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    private static NodeProgress Node(string id, string parent, int assigned, int completed, DateTimeOffset asOf, int overdue = 0) => new()
    {
        NodeId = id, ParentNodeId = parent, UnitsAssigned = assigned, UnitsCompleted = completed, UnitsOverdue = overdue,
        AsOf = asOf.ToString("O"),
    };

    /// <summary>A province with two cities; the first has two counties (one whose figures are a week old), the second none.</summary>
    private static PlanRollUp Province()
    {
        var rollUp = new PlanRollUp { PlanId = "p" };
        rollUp.Nodes.Add(Node("js-province", "", 4, 1, Now));
        rollUp.Nodes.Add(Node("yz-city", "js-province", 2, 2, Now.AddHours(-1)));
        rollUp.Nodes.Add(Node("nt-city", "js-province", 3, 1, Now.AddHours(-2), overdue: 1));
        rollUp.Nodes.Add(Node("rg-county", "nt-city", 1, 0, Now.AddDays(-7)));
        rollUp.Nodes.Add(Node("hm-county", "nt-city", 2, 1, Now.AddMinutes(-5)));
        return rollUp;
    }

    [Fact]
    public void The_roll_up_becomes_a_tree_with_this_node_at_the_root_each_child_under_it_and_each_grandchild_under_its_city()
    {
        var root = RollUpTree.Build(Province(), Now)!;

        Assert.Equal(("js-province", true, 0), (root.NodeId, root.IsOwn, root.Depth));
        Assert.Equal(["js-province", "nt-city", "hm-county", "rg-county", "yz-city"], root.Flatten().Select(b => b.NodeId));
        Assert.Equal([0, 1, 2, 2, 1], root.Flatten().Select(b => b.Depth));
        // Only figures older than three days are stale; this node's own are counted now.
        Assert.Equal(["rg-county"], root.Flatten().Where(b => b.Stale).Select(b => b.NodeId));
        Assert.Equal([25, 33, 50, 0, 100], root.Flatten().Select(b => b.Percent));
        Assert.Equal(["nt-city", "yz-city"], RollUpTree.DirectChildren(Province()));
        Assert.Empty(RollUpTree.DirectChildren(null));
    }

    [Fact]
    public void A_node_whose_parent_did_not_come_up_shows_under_this_node_and_an_empty_roll_up_has_no_tree()
    {
        var rollUp = new PlanRollUp();
        rollUp.Nodes.Add(Node("js-province", "", 1, 0, Now));
        rollUp.Nodes.Add(Node("rg-county", "nt-city", 1, 1, Now));

        var root = RollUpTree.Build(rollUp, Now)!;

        Assert.Equal(("rg-county", 1), (Assert.Single(root.Children).NodeId, root.Children[0].Depth));
        Assert.Null(RollUpTree.Build(new PlanRollUp(), Now));
        // No units assigned is 0 %, not a division by zero; an unreadable time is stale.
        Assert.Equal(0, new RollUpBranch(new NodeProgress(), 1, false, false, []).Percent);
        Assert.True(RollUpTree.IsStale(new NodeProgress { AsOf = "" }, Now));
    }

    [Fact]
    public void The_region_tree_marks_stale_figures_with_their_age_and_the_home_page_shows_the_children_only()
    {
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));

        var tree = Render<RegionTree>(p => p.Add(c => c.RollUp, Province()));

        Assert.Equal(5, tree.FindAll("tr[data-node]").Count);
        var county = tree.Find("tr[data-node='rg-county']");
        Assert.Contains("stale", county.ClassList);
        Assert.Contains("7 天前未更新", county.QuerySelector("[data-testid=stale]")!.TextContent);
        Assert.Empty(tree.FindAll("tr[data-node='hm-county'] [data-testid=stale]"));
        Assert.Contains("has-overdue", tree.Find("tr[data-node='nt-city']").ClassList);
        Assert.Contains("本级单位", tree.Find("tr[data-node='js-province']").TextContent);

        var summary = Render<RegionTree>(p => p.Add(c => c.RollUp, Province()).Add(c => c.MaxDepth, 1));
        Assert.Equal(["js-province", "nt-city", "yz-city"], summary.FindAll("tr[data-node]").Select(r => r.GetAttribute("data-node")));
    }

    [Fact]
    public void A_revision_shows_the_title_and_deadline_it_changes_and_nothing_for_what_it_keeps()
    {
        var local = new PlanTask { Title = "加强行政执法协调监督工作体系建设", Deadline = "2026-12-31" };

        var changed = RevisionChange.Between(local, new ReceivedTask { Title = "加强行政执法协调监督工作体系建设，年底前实现市县全覆盖", Deadline = "2026-11-30" });
        var deadlineOnly = RevisionChange.Between(local, new ReceivedTask { Title = local.Title, Deadline = "2026-11-30" });

        Assert.Equal(new RevisionChange("加强行政执法协调监督工作体系建设", "2026-12-31"), changed);
        Assert.Equal(new RevisionChange(null, "2026-12-31"), deadlineOnly);
    }

    [Fact]
    public void A_links_backlog_age_reads_in_the_largest_whole_unit()
    {
        Assert.Equal(["0 秒", "59 秒", "1 分钟", "2 小时", "3 天"], new long[] { 0, 59, 60, 7200, 3 * 86400 + 5 }.Select(LinkText.Age));
        Assert.Equal(("待批准", "正常", "已撤销"), (LinkText.State("pending"), LinkText.State("active"), LinkText.State("revoked")));
    }

    [Fact]
    public void A_province_registers_with_no_parent_and_a_county_enrols_no_children_and_each_page_says_why()
    {
        var province = new NodeOptions { Level = NodeLevel.Province, RegionCode = "320000" };
        var city = new NodeOptions { Level = NodeLevel.City, RegionCode = "320600" };
        var county = new NodeOptions { Level = NodeLevel.County, RegionCode = "320623" };

        Assert.Contains("省级节点（320000）", LinkText.NoParent(province));
        Assert.Null(LinkText.NoChildren(province));
        Assert.Null(LinkText.NoParent(city));
        Assert.Null(LinkText.NoChildren(city));
        Assert.Null(LinkText.NoParent(county));
        Assert.Contains("县级节点（320623）", LinkText.NoChildren(county));
    }
}
