using Microsoft.Extensions.Time.Testing;
using Platform.BuildingBlocks.Locks;

namespace Platform.Notification.Tests;

public sealed class MemoryLeaseTests
{
    [Fact]
    public async Task One_holder_at_a_time_until_release_or_expiry()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        var leases = new MemoryLeaseProvider(clock);
        var first = await leases.TryAcquireAsync("scan", TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.NotNull(first);
        Assert.Null(await leases.TryAcquireAsync("scan", TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.NotNull(await leases.TryAcquireAsync("other", TimeSpan.FromSeconds(30), CancellationToken.None));

        // Expired: the next holder takes over, and the late release of the first does not free it.
        clock.Advance(TimeSpan.FromSeconds(31));
        var second = await leases.TryAcquireAsync("scan", TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.NotNull(second);
        await first!.DisposeAsync();
        Assert.Null(await leases.TryAcquireAsync("scan", TimeSpan.FromSeconds(30), CancellationToken.None));
        await second!.DisposeAsync();
        Assert.NotNull(await leases.TryAcquireAsync("scan", TimeSpan.FromSeconds(30), CancellationToken.None));
    }
}
