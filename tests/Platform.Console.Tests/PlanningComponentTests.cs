using Bunit;
using Platform.WebConsole.Components.Shared;
using Platform.WebConsole.Planning;
using Proto = Platform.Contracts.Planning.V1;

namespace Platform.WebConsole.Tests;

/// <summary>The planning pieces with logic: an imported draft's unmatched units, the draft's edit column, the codes in Chinese.</summary>
public sealed class PlanningComponentTests : BunitContext
{
    [Fact]
    public void Each_unmatched_unit_names_its_tasks_and_offers_the_nodes_units_by_name_and_the_kinds_to_create_one()
    {
        Services.AddNodeApi(new NobodySignedIn());
        var proposals = new List<Proto.UnitProposal>
        {
            new() { Text = "市计委", TaskNumbers = { 2, 5 } },
            new() { Text = "市审计办", TaskNumbers = { 3 } },
        };
        // Listed by name (code point order: 审 before 财), not in the order given.
        var units = new List<Proto.Unit> { new() { Id = "u2", Name = "成都市财政局" }, new() { Id = "u1", Name = "成都市审计局" } };

        var panel = Render<UnitProposalPanel>(p => p
            .Add(c => c.PlanId, "plan-1").Add(c => c.Proposals, proposals).Add(c => c.Units, units)
            .Add(c => c.OnResolved, (Proto.ResolveUnitProposalResponse _) => { }));

        var rows = panel.FindAll("[data-testid=proposal]");
        Assert.Equal(["市计委", "市审计办"], rows.Select(r => r.GetAttribute("data-alias")));
        Assert.Contains("第 2、5 项任务", rows[0].TextContent);
        Assert.Equal(["", "u1", "u2"], rows[0].QuerySelectorAll("[data-testid=proposal-unit] option").Select(o => o.GetAttribute("value")));
        Assert.Equal(["", "government", "department"], rows[1].QuerySelectorAll("[data-testid=proposal-kind] option").Select(o => o.GetAttribute("value")));
        // The new unit's name defaults to the name in the notice.
        Assert.Equal("市计委", rows[0].QuerySelector("[data-testid=proposal-name]")!.GetAttribute("placeholder"));

        var settled = Render<UnitProposalPanel>(p => p
            .Add(c => c.PlanId, "plan-1").Add(c => c.Proposals, []).Add(c => c.Units, units)
            .Add(c => c.OnResolved, (Proto.ResolveUnitProposalResponse _) => { }));
        Assert.NotNull(settled.Find("[data-testid=no-proposals]"));
    }

    [Fact]
    public void The_task_table_names_its_action_column()
    {
        var plan = new Proto.Plan { Id = "p", Tasks = { new Proto.PlanTask { Id = "t1", Number = 1, Title = "清理规范性文件", Deadline = "2026-12-31" } } };
        var table = Render<PlanTasks>(p => p.Add(c => c.Plan, plan).Add(c => c.ActionsTitle, "修改")
            .Add(c => c.Actions, task => builder => builder.AddContent(0, "edit " + task.Number)));

        Assert.Equal("修改", table.FindAll("thead th").Last().TextContent);
        Assert.Contains("2026年12月31日", table.Find("tr[data-task='1']").TextContent);
        Assert.Equal("edit 1", table.FindAll("tr[data-task='1'] td").Last().TextContent);
    }

    [Theory]
    [InlineData("pending", "待审批")]
    [InlineData("approved", "已同意")]
    [InlineData("refused", "未同意")]
    [InlineData("withdrawn", "withdrawn")]
    public void An_extensions_status_reads_in_chinese(string code, string chinese) =>
        Assert.Equal(chinese, PlanningText.ExtensionStatus(code));

    [Fact]
    public void A_units_kind_reads_in_chinese()
    {
        Assert.Equal("政府", PlanningText.UnitKind("government"));
        Assert.Equal("部门", PlanningText.UnitKind("department"));
    }
}
