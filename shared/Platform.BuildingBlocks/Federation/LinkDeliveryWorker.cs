using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Node;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// Every <see cref="FederationOptions.PollInterval"/>: drains each active link's outbox, up to
/// <see cref="FederationOptions.DeliveryParallelism"/> links at once, then refreshes the per-link gauges (after a round that delivered, else at
/// most every 15 s). A link that cannot be reached keeps its rows and does not hold the others back.
/// A message committed to a link's outbox starts a round at once (<see cref="LinkDeliverySignal"/>).
/// </summary>
public sealed partial class LinkDeliveryWorker(
    IServiceScopeFactory scopes, LinkDeliverySignal signal, FederationMetrics metrics, TimeProvider clock, IOptions<FederationOptions> options, IOptions<NodeOptions> node,
    ILogger<LinkDeliveryWorker> logger)
    : PeriodicWorker(logger)
{
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromHours(1);

    /// <summary>
    /// How stale the gauges may get while rounds deliver nothing: an idle round reads only the active links and their
    /// outboxes, not the four queries of the status (a round that delivers refreshes them at once).
    /// </summary>
    internal static readonly TimeSpan GaugesEvery = TimeSpan.FromSeconds(15);

    private DateTimeOffset _lastGauges = DateTimeOffset.MinValue;

    private DateTimeOffset _lastPurge = DateTimeOffset.MinValue;

    private bool _announced;

    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override WakeSignal Wake => signal;

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    /// <returns>Messages the peers acknowledged in this round.</returns>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FederationDbContext>();
        if (!_announced)
        {
            // Once per start: the services' list of children catches up with links made before it existed.
            await ChildLinkRoster.AnnounceAsync(db, node.Value.Id, clock.GetUtcNow(), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            _announced = true;
        }
        var linkIds = await db.Links.AsNoTracking().Where(l => l.State == LinkState.Active).Select(l => l.Id).ToListAsync(cancellationToken);
        var delivered = 0;
        // Links in parallel (bounded), each by one sender in sequence order: a slow or unreachable peer holds back
        // neither the others nor the round's end by more than its own time.
        await Parallel.ForEachAsync(linkIds, new ParallelOptions
        {
            MaxDegreeOfParallelism = options.Value.DeliveryParallelism,
            CancellationToken = cancellationToken,
        }, async (linkId, token) =>
        {
            // One scope per link: its own context, and a link's failed save leaves no tracked rows behind for another.
            await using var linkScope = scopes.CreateAsyncScope();
            try
            {
                Interlocked.Add(ref delivered, await linkScope.ServiceProvider.GetRequiredService<LinkDeliverer>().DeliverAsync(linkId, token));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogLinkRoundFailed(logger, e, linkId);
            }
        });
        var now = clock.GetUtcNow();
        if (delivered > 0 || now - _lastGauges >= GaugesEvery)
        {
            _lastGauges = now;
            metrics.Update(await LinkStatusQuery.ListAsync(db, clock, cancellationToken));
        }
        if (now - _lastPurge >= PurgeEvery)
        {
            _lastPurge = now;
            await LinkRetention.PurgeAsync(db, now - options.Value.RetainDeliveredFor, cancellationToken);
        }
        return delivered;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Federation link {LinkId}: delivery round failed")]
    private static partial void LogLinkRoundFailed(ILogger logger, Exception exception, Guid linkId);
}
