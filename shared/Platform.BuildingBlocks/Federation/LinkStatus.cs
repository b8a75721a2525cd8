using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;

namespace Platform.BuildingBlocks.Federation;

/// <summary>What an operator sees of one link.</summary>
public sealed record LinkStatus(
    Guid LinkId, string PeerNodeId, string PeerRegionCode, LinkRole Role, LinkState State,
    DateTimeOffset? LastContactAt, int Backlog, TimeSpan? OldestUndeliveredAge, int Unrecognised);

public static class LinkStatusQuery
{
    public static async Task<IReadOnlyList<LinkStatus>> ListAsync(FederationDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var links = await db.Links.AsNoTracking().OrderBy(l => l.PeerRegionCode).ToListAsync(cancellationToken);
        var backlogs = await db.LinkOutbox.AsNoTracking()
            .Where(m => m.DeliveredAt == null)
            .GroupBy(m => m.LinkId)
            .Select(g => new { LinkId = g.Key, Count = g.Count(), Oldest = g.Min(m => m.Sequence) })
            .ToListAsync(cancellationToken);
        // Latest-only messages waiting for the next round are part of what the peer has not had yet.
        // (At most one row per task and link, so grouped here: SQLite cannot take MIN of a converted DateTimeOffset.)
        var pending = (await db.LinkPending.AsNoTracking().Select(m => new { m.LinkId, m.OccurredAt }).ToListAsync(cancellationToken))
            .GroupBy(m => m.LinkId)
            .ToDictionary(g => g.Key, g => new { Count = g.Count(), Oldest = g.Min(m => m.OccurredAt) });
        var unrecognised = await db.LinkInbox.AsNoTracking()
            // Unknown versions and unreadable payloads alike: kept, not applied, waiting for the operator.
            .Where(m => m.State != InboxState.Applied)
            .GroupBy(m => m.LinkId)
            .Select(g => new { LinkId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.LinkId, g => g.Count, cancellationToken);
        var now = clock.GetUtcNow();
        var result = new List<LinkStatus>(links.Count);
        foreach (var link in links)
        {
            var backlog = backlogs.SingleOrDefault(b => b.LinkId == link.Id);
            TimeSpan? oldestAge = null;
            if (backlog is not null)
            {
                // The lowest undelivered sequence is the oldest row: rows are numbered as they are written.
                var oldest = await db.LinkOutbox.AsNoTracking()
                    .Where(m => m.LinkId == link.Id && m.Sequence == backlog.Oldest)
                    .Select(m => m.OccurredAt)
                    .SingleAsync(cancellationToken);
                oldestAge = now - oldest;
            }
            var waiting = pending.GetValueOrDefault(link.Id);
            if (waiting is not null && (oldestAge is null || now - waiting.Oldest > oldestAge))
            {
                oldestAge = now - waiting.Oldest;
            }
            result.Add(new LinkStatus(
                link.Id, link.PeerNodeId, link.PeerRegionCode, link.Role, link.State, link.LastContactAt,
                (backlog?.Count ?? 0) + (waiting?.Count ?? 0), oldestAge, unrecognised.GetValueOrDefault(link.Id)));
        }
        return result;
    }
}

/// <summary>
/// OpenTelemetry gauges per link (meter <c>Platform.Federation</c>): backlog, age of the oldest
/// undelivered message and state. Fed by whoever lists the links (the deliverer's rounds).
/// </summary>
public sealed class FederationMetrics : IDisposable
{
    public const string MeterName = "Platform.Federation";

    private readonly Meter _meter = new(MeterName);
    private readonly ConcurrentDictionary<Guid, LinkStatus> _latest = new();

    public FederationMetrics()
    {
        _meter.CreateObservableGauge("platform.federation.link.backlog", () => Observe(s => s.Backlog), "{message}", "Undelivered messages on the link");
        _meter.CreateObservableGauge("platform.federation.link.oldest_age", () => Observe(s => s.OldestUndeliveredAge?.TotalSeconds ?? 0), "s", "Age of the oldest undelivered message");
        _meter.CreateObservableGauge("platform.federation.link.state", () => Observe(s => (int)s.State), null, "0 pending, 1 active, 2 revoked");
    }

    public void Update(IEnumerable<LinkStatus> statuses)
    {
        foreach (var status in statuses)
        {
            _latest[status.LinkId] = status;
        }
    }

    private IEnumerable<Measurement<T>> Observe<T>(Func<LinkStatus, T> value)
        where T : struct =>
        _latest.Values.Select(s => new Measurement<T>(value(s), new KeyValuePair<string, object?>("peer", s.PeerNodeId), new KeyValuePair<string, object?>("role", s.Role.ToString())));

    public void Dispose() => _meter.Dispose();
}
