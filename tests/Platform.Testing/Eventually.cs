namespace Platform.Testing;

/// <summary>Waits for something that happens asynchronously (an event consumed, a server up).</summary>
public static class Eventually
{
    /// <summary>The first pause between two probes; each pause doubles up to <see cref="LongestPause"/>.</summary>
    public static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The longest pause between two probes. A probe is a call into a node (often several queries): probing every
    /// 100 ms for the tens of seconds a slow step takes spent CPU the suite is short of on two cores, while what a test
    /// waits for is mostly there within the first few probes.
    /// </summary>
    public static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(1);

    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        var pause = FirstPause;
        while (true)
        {
            var value = await probe();
            if (value is not null)
            {
                return value;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:F0} s waiting for {what}.");
            }
            // The last probe comes at the deadline, not up to a pause after it.
            await Task.Delay(pause < left ? pause : left);
            pause = Next(pause);
        }
    }

    /// <summary>The pause after <paramref name="pause"/>: twice as long, at most <see cref="LongestPause"/>.</summary>
    public static TimeSpan Next(TimeSpan pause) => pause * 2 < LongestPause ? pause * 2 : LongestPause;
}
