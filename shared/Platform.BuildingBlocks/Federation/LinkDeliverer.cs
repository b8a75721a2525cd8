using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Errors;
using Microsoft.Extensions.Options;
using Polly;

namespace Platform.BuildingBlocks.Federation;

/// <summary>Sends a batch to the peer of a link; returns the highest sequence the peer acknowledged.</summary>
public interface IFederationTransport
{
    Task<long> SendAsync(FederationLink link, IReadOnlyList<FederationEnvelope> batch, CancellationToken cancellationToken);
}

/// <summary>
/// Drains each active link's outbox in sequence order. A failed call is retried with Polly
/// (exponential back-off with jitter); after the retries the link waits for its next round and its
/// rows stay, so nothing is lost and, with the receiver's inbox, nothing is doubled.
/// </summary>
public sealed partial class LinkDeliverer
{
    private readonly FederationDbContext _db;
    private readonly IFederationTransport _transport;
    private readonly FederationOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<LinkDeliverer> _logger;
    private readonly ResiliencePipeline _pipeline;

    public LinkDeliverer(FederationDbContext db, IFederationTransport transport, IOptions<FederationOptions> options, TimeProvider clock, ILogger<LinkDeliverer> logger)
    {
        _db = db;
        _transport = transport;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        // A refusal is an answer, not a fault: the peer will refuse again until the operators act, so it is not retried.
        _pipeline = FederationRetry.Pipeline(_options, clock, e => e is not OperationCanceledException && !IsRefusal(e));
    }

    /// <returns>How many rows the peer acknowledged in this round.</returns>
    public async Task<int> DeliverAsync(Guid linkId, CancellationToken cancellationToken)
    {
        var link = await _db.Links.SingleAsync(l => l.Id == linkId, cancellationToken);
        if (link.State != LinkState.Active)
        {
            return 0;
        }
        var delivered = 0;
        var flushed = false;
        while (true)
        {
            var batch = await _db.LinkOutbox
                .Where(m => m.LinkId == linkId && m.DeliveredAt == null)
                .OrderBy(m => m.Sequence)
                .Take(_options.DeliveryBatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                // The backlog is through: the latest-only messages (progress summaries) go now, once per round. While the
                // peer is unreachable they stay pending and keep being replaced, so a week offline sends one per task.
                if (!flushed && await LinkOutbox.FlushPendingAsync(_db, linkId, cancellationToken) > 0)
                {
                    flushed = true;
                    continue;
                }
                return delivered;
            }
            long acknowledged;
            try
            {
                var envelopes = batch.Select(m => m.ToEnvelope()).ToList();
                acknowledged = await _pipeline.ExecuteAsync(
                    async token => await _transport.SendAsync(link, envelopes, token), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Logged as a warning once per change of state (another status, or after a delivery), not every round.
                var kind = FailureKind(e);
                var repeated = batch[0].LastError?.StartsWith(kind, StringComparison.Ordinal) == true;
                var nextRound = _clock.GetUtcNow() + _options.PollInterval;
                var status = e is RpcException statusOf ? statusOf.StatusCode.ToString() : e.GetType().Name;
                var address = link.PeerAddress ?? "(no address)";
                batch[0].Attempts++;
                batch[0].LastError = Truncate($"{e.GetType().Name}: {e.Message}", LinkOutboxMessage.MaxErrorLength);
                await _db.SaveChangesAsync(cancellationToken);
                if (IsRefusal(e))
                {
                    // The peer refused us (it revoked the link, or does not trust our certificate): the operator sees it on
                    // the link, the backlog stays for when the link is enrolled again.
                    var reason = Truncate(e is RpcException rpc ? rpc.Status.Detail : e.Message, FederationLink.MaxRefusalLength);
                    var at = _clock.GetUtcNow();
                    await _db.Links.Where(l => l.Id == linkId).ExecuteUpdateAsync(
                        u => u.SetProperty(l => l.RefusedByPeerAt, at).SetProperty(l => l.RefusedByPeerReason, reason), cancellationToken);
                    if (repeated)
                    {
                        LogStillFailing(_logger, linkId, link.PeerNodeId, address, status, nextRound);
                    }
                    else
                    {
                        LogRefused(_logger, linkId, link.PeerNodeId, address, reason, batch.Count, nextRound);
                    }
                }
                else if (repeated)
                {
                    LogStillFailing(_logger, linkId, link.PeerNodeId, address, status, nextRound);
                }
                else
                {
                    LogUnreachable(_logger, linkId, link.PeerNodeId, address, status, Truncate(e.Message, 300), nextRound);
                }
                return delivered;
            }
            var now = _clock.GetUtcNow();
            var progressed = 0;
            foreach (var row in batch.Where(m => m.Sequence <= acknowledged))
            {
                row.DeliveredAt = now;
                row.LastError = null;
                progressed++;
            }
            await _db.SaveChangesAsync(cancellationToken);
            // Not through the tracked link: its sequences are concurrency tokens, and a message written on the
            // link (or received on it) while the batch was in flight would make this save fail and the
            // acknowledged rows be sent again, round after round on a busy link.
            await _db.Links.Where(l => l.Id == linkId).ExecuteUpdateAsync(
                u => u.SetProperty(l => l.LastContactAt, now).SetProperty(l => l.RefusedByPeerAt, (DateTimeOffset?)null).SetProperty(l => l.RefusedByPeerReason, (string?)null),
                cancellationToken);
            delivered += progressed;
            if (progressed == 0)
            {
                // The peer stored nothing new (it waits for an earlier sequence it lost): next round.
                return delivered;
            }
        }
    }

    /// <summary>The peer answered PermissionDenied: over gRPC, or from a transport that calls its store directly.</summary>
    internal static bool IsRefusal(Exception e) => e is RpcException { StatusCode: StatusCode.PermissionDenied } or PermissionDeniedException;

    /// <summary>What a failure's log line is repeated for: the same exception type and gRPC status as the oldest row's last error.</summary>
    private static string FailureKind(Exception e) =>
        e is RpcException rpc ? $"{nameof(RpcException)}: Status(StatusCode=\"{rpc.StatusCode}\"" : $"{e.GetType().Name}:";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Federation link {LinkId}: the peer {Peer} at {Address} refused the delivery with PermissionDenied ({Reason}); it has revoked this link or does not trust this node's certificate. The backlog (at least {Waiting} message(s)) is kept for when the link is enrolled again; next try at {NextTry} (logged again when this changes)")]
    private static partial void LogRefused(ILogger logger, Guid linkId, string peer, string address, string reason, int waiting, DateTimeOffset nextTry);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Federation link {LinkId}: the peer {Peer} at {Address} could not be reached after retries ({Status}: {Error}); the backlog is kept, next try at {NextTry} (logged again when this changes)")]
    private static partial void LogUnreachable(ILogger logger, Guid linkId, string peer, string address, string status, string error, DateTimeOffset nextTry);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Federation link {LinkId}: the peer {Peer} at {Address} still fails ({Status}); next try at {NextTry}")]
    private static partial void LogStillFailing(ILogger logger, Guid linkId, string peer, string address, string status, DateTimeOffset nextTry);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
