using Grpc.Core;
using Platform.WebConsole.Api;

namespace Platform.WebConsole.Tests;

/// <summary>The pages' one loader: an older load that answers last changes nothing on the page.</summary>
public sealed class LatestLoadTests
{
    [Fact]
    public async Task Of_two_loads_whose_first_answers_last_only_the_seconds_answer_is_shown()
    {
        using var loads = new LatestLoad();
        var firstAnswer = new TaskCompletionSource<string>();
        var secondAnswer = new TaskCompletionSource<string>();
        CancellationToken firstToken = default;
        var shown = new List<string>();
        var problems = new List<ApiProblem>();

        var first = loads.RunAsync(cancel => { firstToken = cancel; return firstAnswer.Task; }, shown.Add, problems.Add);
        var second = loads.RunAsync(_ => secondAnswer.Task, shown.Add, problems.Add);
        Assert.True(firstToken.IsCancellationRequested);
        Assert.True(loads.Busy);

        secondAnswer.SetResult("第二次查询");
        Assert.True(await second);
        Assert.False(loads.Busy);
        firstAnswer.SetResult("第一次加载");
        Assert.False(await first);

        Assert.Equal(["第二次查询"], shown);
        Assert.Empty(problems);
        Assert.False(loads.Busy);
    }

    [Fact]
    public async Task An_older_loads_error_is_not_shown_and_the_page_stays_busy_until_the_newest_answers()
    {
        using var loads = new LatestLoad();
        var firstAnswer = new TaskCompletionSource<string>();
        var secondAnswer = new TaskCompletionSource<string>();
        var shown = new List<string>();
        var problems = new List<ApiProblem>();

        var first = loads.RunAsync(_ => firstAnswer.Task, shown.Add, problems.Add);
        var second = loads.RunAsync(_ => secondAnswer.Task, shown.Add, problems.Add);
        firstAnswer.SetException(new RpcException(new Status(StatusCode.Cancelled, "cancelled by the newer load")));
        Assert.False(await first);
        Assert.True(loads.Busy);
        Assert.Empty(problems);

        secondAnswer.SetResult("第二次查询");
        Assert.True(await second);
        Assert.Equal(["第二次查询"], shown);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task The_newest_loads_error_is_shown_as_the_consoles_problem()
    {
        using var loads = new LatestLoad();
        var shown = new List<string>();
        var problems = new List<ApiProblem>();

        var applied = await loads.RunAsync<string>(
            _ => throw new RpcException(new Status(StatusCode.PermissionDenied, "only the office lists every unit")), shown.Add, problems.Add);

        Assert.False(applied);
        Assert.Empty(shown);
        Assert.Equal("无权进行此操作：only the office lists every unit", Assert.Single(problems).Message);
        Assert.False(loads.Busy);
    }

    [Fact]
    public async Task A_page_that_is_left_applies_nothing_of_the_load_under_way()
    {
        var loads = new LatestLoad();
        var answer = new TaskCompletionSource<string>();
        CancellationToken token = default;
        var shown = new List<string>();
        var problems = new List<ApiProblem>();

        var load = loads.RunAsync(cancel => { token = cancel; return answer.Task; }, shown.Add, problems.Add);
        loads.Dispose();
        Assert.True(token.IsCancellationRequested);
        answer.SetException(new RpcException(new Status(StatusCode.Cancelled, "the page was left")));

        Assert.False(await load);
        Assert.Empty(shown);
        Assert.Empty(problems);
    }
}
