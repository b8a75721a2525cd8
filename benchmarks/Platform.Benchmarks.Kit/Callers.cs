namespace Platform.Benchmarks.Kit;

/// <summary>A fixed amount of work shared out among concurrent callers.</summary>
public static class Callers
{
    /// <summary>
    /// Runs calls 0..<paramref name="count"/>-1 from <paramref name="callers"/> concurrent callers, each
    /// taking the next index; a gRPC or HTTP failure is counted under <paramref name="step"/> and the caller goes on.
    /// </summary>
    public static async Task RunAsync(int count, int callers, CallErrors errors, string step, Func<int, Task> call)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, Math.Min(callers, count))).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                try
                {
                    await call(index);
                }
                catch (Exception ex) when (ex is Grpc.Core.RpcException or HttpRequestException)
                {
                    errors.Add(step, ex);
                }
            }
        }));
    }
}
