using Bunit;
using Platform.WebConsole.Api;
using Platform.WebConsole.Components.Shared;
using Proto = Platform.Contracts.Planning.V1;

namespace Platform.WebConsole.Tests;

/// <summary>
/// A panel's busy state through <see cref="PageWork"/>, against an API that takes the call and answers only when the test
/// says: its buttons wait while the call is out, a second submit meanwhile sends nothing, and when the call fails the
/// error is shown beside the first request and the buttons are free again.
/// </summary>
public sealed class PageWorkComponentTests : BunitContext
{
    [Fact]
    public async Task A_second_submit_while_the_first_is_out_is_not_sent_and_the_failed_first_leaves_the_panel_usable()
    {
        await using var node = new SilentNode();
        Services.AddNodeApi(new NobodySignedIn(), node.Address);
        var proposals = new List<Proto.UnitProposal> { new() { Text = "市计委", TaskNumbers = { 2 } }, new() { Text = "市审计办", TaskNumbers = { 3 } } };
        var units = new List<Proto.Unit> { new() { Id = "u1", Name = "成都市审计局" } };
        var panel = Render<UnitProposalPanel>(p => p
            .Add(c => c.PlanId, "plan-1").Add(c => c.Proposals, proposals).Add(c => c.Units, units)
            .Add(c => c.OnResolved, (Proto.ResolveUnitProposalResponse _) => { }));
        Assert.All(panel.FindAll("button[type=submit]"), b => Assert.False(b.HasAttribute("disabled")));

        var first = panel.Find("[data-alias='市计委'] form").SubmitAsync();
        await node.FirstCall.WaitAsync(TimeSpan.FromSeconds(30));
        panel.WaitForAssertion(() => Assert.All(panel.FindAll("button[type=submit]"), b => Assert.True(b.HasAttribute("disabled"))));

        // A double submit (a second row's form, which would become the row the error belongs to) is not started.
        var second = panel.Find("[data-alias='市审计办'] form").SubmitAsync();

        node.HangUp();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(30));
        panel.WaitForAssertion(() => Assert.All(panel.FindAll("button[type=submit]"), b => Assert.False(b.HasAttribute("disabled"))));
        Assert.Equal("服务暂不可用，请稍后再试。", panel.Find("[data-alias='市计委'] [role=alert]").TextContent);
        Assert.Empty(panel.FindAll("[data-alias='市审计办'] [role=alert]"));
        Assert.Equal(1, node.Calls);
    }
}
