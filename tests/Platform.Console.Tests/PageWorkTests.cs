using Grpc.Core;
using Platform.WebConsole.Api;

namespace Platform.WebConsole.Tests;

/// <summary>
/// A page's one busy state: an action ends it however the action ends, a second action while one runs is not started,
/// and a load under way keeps the page busy beside an action.
/// </summary>
public sealed class PageWorkTests
{
    [Fact]
    public async Task An_action_that_succeeds_keeps_the_page_busy_until_it_is_done_and_no_longer()
    {
        using var work = new PageWork();
        var answer = new TaskCompletionSource();

        var action = work.RunActionAsync(() => answer.Task);
        Assert.True(work.Acting);
        Assert.True(work.Busy);

        answer.SetResult();
        Assert.True(await action);
        Assert.False(work.Acting);
        Assert.False(work.Busy);
    }

    [Fact]
    public async Task An_action_the_api_refuses_hands_over_the_refusal_and_leaves_the_page_idle()
    {
        using var work = new PageWork();
        var answer = new TaskCompletionSource();
        var refusals = new List<ApiProblem>();

        var action = work.RunActionAsync(() => answer.Task, ex => refusals.Add(ApiProblem.From(ex, (StatusCode.FailedPrecondition, "reason"))));
        Assert.True(work.Busy);
        answer.SetException(new RpcException(new Status(StatusCode.FailedPrecondition, "the deadline has passed")));

        Assert.False(await action);
        Assert.False(work.Busy);
        Assert.Equal("the deadline has passed", Assert.Single(refusals).For("reason"));
    }

    [Fact]
    public async Task An_action_that_throws_something_else_leaves_the_page_idle_and_the_exception_goes_on()
    {
        using var work = new PageWork();
        var refusals = new List<RpcException>();

        await Assert.ThrowsAsync<IOException>(() => work.RunActionAsync(() => throw new IOException("the browser closed the file"), refusals.Add));

        Assert.False(work.Busy);
        Assert.Empty(refusals);
        // The page is not stuck: the next action runs.
        var ran = false;
        Assert.True(await work.RunActionAsync(() => { ran = true; return Task.CompletedTask; }));
        Assert.True(ran);
    }

    [Fact]
    public async Task A_second_action_while_one_runs_is_not_started_and_the_first_still_ends_the_busy_state()
    {
        using var work = new PageWork();
        var first = new TaskCompletionSource();
        var started = 0;

        var running = work.RunActionAsync(() => { started++; return first.Task; });
        var doubleClick = work.RunActionAsync(() => { started++; return Task.CompletedTask; }, _ => Assert.Fail("a refused action is not an API refusal"));

        Assert.True(doubleClick.IsCompleted);
        Assert.False(await doubleClick);
        Assert.Equal(1, started);
        Assert.True(work.Busy);

        first.SetResult();
        Assert.True(await running);
        Assert.False(work.Busy);
        Assert.True(await work.RunActionAsync(() => { started++; return Task.CompletedTask; }));
        Assert.Equal(2, started);
    }

    [Fact]
    public async Task A_load_and_an_action_together_keep_the_page_busy_until_both_are_done_and_neither_cancels_the_other()
    {
        using var work = new PageWork();
        var list = new TaskCompletionSource<string>();
        var change = new TaskCompletionSource();
        CancellationToken loadToken = default;
        var shown = new List<string>();
        var problems = new List<ApiProblem>();

        var load = work.LoadAsync(cancel => { loadToken = cancel; return list.Task; }, shown.Add, problems.Add);
        var action = work.RunActionAsync(() => change.Task);
        Assert.True(work.Acting);
        Assert.True(work.Busy);

        change.SetResult();
        Assert.True(await action);
        Assert.False(work.Acting);
        Assert.True(work.Busy);
        Assert.False(loadToken.IsCancellationRequested);

        list.SetResult("第一页");
        Assert.True(await load);
        Assert.False(work.Busy);
        Assert.Equal(["第一页"], shown);
        Assert.Empty(problems);

        // The other way round: an action done first, then its reload; the load ends last.
        var reload = new TaskCompletionSource<string>();
        var second = work.RunActionAsync(async () => await Task.Yield());
        var again = work.LoadAsync(_ => reload.Task, shown.Add, problems.Add);
        await second;
        Assert.True(work.Busy);
        reload.SetResult("第二页");
        Assert.True(await again);
        Assert.False(work.Busy);
    }

    [Fact]
    public async Task A_second_list_keeps_the_page_busy_on_its_own_and_stops_when_the_page_is_left()
    {
        var work = new PageWork();
        var findings = work.OtherList();
        var mission = new TaskCompletionSource<string>();
        var page = new TaskCompletionSource<string>();
        CancellationToken missionToken = default, pageToken = default;
        var shown = new List<string>();
        var problems = new List<ApiProblem>();

        var missionLoad = work.LoadAsync(cancel => { missionToken = cancel; return mission.Task; }, shown.Add, problems.Add);
        var pageLoad = findings.RunAsync(cancel => { pageToken = cancel; return page.Task; }, shown.Add, problems.Add);
        Assert.False(missionToken.IsCancellationRequested);
        mission.SetResult("督察任务");
        Assert.True(await missionLoad);
        Assert.True(work.Busy);

        work.Dispose();
        Assert.True(pageToken.IsCancellationRequested);
        page.SetException(new RpcException(new Status(StatusCode.Cancelled, "the page was left")));
        Assert.False(await pageLoad);
        Assert.Equal(["督察任务"], shown);
        Assert.Empty(problems);
    }
}
