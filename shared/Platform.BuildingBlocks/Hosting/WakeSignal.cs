namespace Platform.BuildingBlocks.Hosting;

/// <summary>
/// Wakes one waiting background loop when there is new work, so it runs at once instead of at its next poll. Signals
/// that arrive while the loop is busy collapse into one: the loop's next wait returns at once and its next round sees all.
/// </summary>
public class WakeSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Notify()
    {
        if (_semaphore.CurrentCount == 0)
        {
            try
            {
                _semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another writer already woke the loop.
            }
        }
    }

    /// <returns>True when woken by <see cref="Notify"/>, false when <paramref name="timeout"/> passed first.</returns>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _semaphore.WaitAsync(timeout, cancellationToken);
}
