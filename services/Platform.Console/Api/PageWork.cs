using Grpc.Core;

namespace Platform.WebConsole.Api;

/// <summary>
/// What a page or panel has under way, in one place: its loads (only the newest of each list counts, see
/// <see cref="LatestLoad"/>) and its one action (create, import, decide, ...). <see cref="Busy"/> is what the page's
/// buttons read. An action always ends the busy state it started, however it ends, and a second action asked for while
/// one runs (a double click) is not started, so nothing is submitted twice.
/// </summary>
public sealed class PageWork : IDisposable
{
    private readonly LatestLoad _loads = new();
    private readonly List<LatestLoad> _otherLists = [];

    /// <summary>True while an action of the page is under way.</summary>
    public bool Acting { get; private set; }

    /// <summary>True while an action or a load is under way: the page's buttons wait.</summary>
    public bool Busy => Acting || _loads.Busy || _otherLists.Exists(l => l.Busy);

    /// <summary>The page's load: <see cref="LatestLoad.RunAsync{T}"/> of its main list or detail.</summary>
    public Task<bool> LoadAsync<T>(Func<CancellationToken, Task<T>> load, Action<T> apply, Action<ApiProblem> fail) =>
        _loads.RunAsync(load, apply, fail);

    /// <summary>
    /// The loads of a second list on the same page, which neither cancels nor is cancelled by the main load; it keeps
    /// the page busy while it runs and stops when the page is left.
    /// </summary>
    public LatestLoad OtherList()
    {
        var list = new LatestLoad();
        _otherLists.Add(list);
        return list;
    }

    /// <summary>
    /// Runs <paramref name="action"/> with the page busy, and ends the busy state however the action ends (an
    /// exception other than the API's goes on to the caller after that). False, without calling
    /// <paramref name="action"/>, when another action is still under way.
    /// </summary>
    public async Task<bool> RunActionAsync(Func<Task> action)
    {
        if (Acting)
        {
            return false;
        }
        Acting = true;
        try
        {
            await action();
            return true;
        }
        finally
        {
            Acting = false;
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> as <see cref="RunActionAsync(Func{Task})"/> does, and hands the API's refusal to
    /// <paramref name="refused"/> (each page says it next to the field it concerns). True when the action was done;
    /// false when the API refused it or another action was still under way.
    /// </summary>
    public async Task<bool> RunActionAsync(Func<Task> action, Action<RpcException> refused)
    {
        var done = false;
        try
        {
            done = await RunActionAsync(action);
        }
        catch (RpcException ex)
        {
            refused(ex);
        }
        return done;
    }

    /// <summary>A page that is left stops waiting for its loads.</summary>
    public void Dispose()
    {
        _loads.Dispose();
        foreach (var list in _otherLists)
        {
            list.Dispose();
        }
    }
}
