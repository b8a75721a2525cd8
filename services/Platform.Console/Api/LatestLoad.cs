using Grpc.Core;

namespace Platform.WebConsole.Api;

/// <summary>
/// The loads of one list or detail on a page, of which only the newest counts. A search made while the page's
/// first load is still under way must not be overwritten by that older answer when it comes last, nor by its
/// error: each load cancels the one before it, and only the newest load's answer or error is applied.
/// </summary>
public sealed class LatestLoad : IDisposable
{
    private CancellationTokenSource? _newest;

    /// <summary>True while the newest load is under way.</summary>
    public bool Busy { get; private set; }

    /// <summary>
    /// Starts a load (cancelling the one under way), then applies its answer with <paramref name="apply"/>, or hands
    /// the API's error as the console shows it to <paramref name="fail"/>; neither is called for a load that a newer
    /// one replaced. True when the answer was applied.
    /// </summary>
    public async Task<bool> RunAsync<T>(Func<CancellationToken, Task<T>> load, Action<T> apply, Action<ApiProblem> fail)
    {
        _newest?.Cancel();
        using var mine = new CancellationTokenSource();
        _newest = mine;
        Busy = true;
        try
        {
            var answer = await load(mine.Token);
            if (_newest != mine)
            {
                return false;
            }
            apply(answer);
            return true;
        }
        catch (RpcException ex) when (_newest == mine)
        {
            fail(ApiProblem.From(ex));
            return false;
        }
        catch (Exception ex) when (_newest != mine && ex is RpcException or OperationCanceledException)
        {
            // A newer load answers instead.
            return false;
        }
        finally
        {
            if (_newest == mine)
            {
                _newest = null;
                Busy = false;
            }
        }
    }

    /// <summary>A page that is left stops waiting for its load.</summary>
    public void Dispose()
    {
        var newest = _newest;
        _newest = null;
        newest?.Cancel();
    }
}
