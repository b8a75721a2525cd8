using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.BuildingBlocks.Errors;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// Turns one kind of received message into this node's own change, typically
/// <c>db.AddIntegrationEvent(...)</c>, which then commits with the inbox row. One per wire name.
/// </summary>
public interface IFederationMessageHandler
{
    string WireName { get; }

    Task ApplyAsync(FederationDbContext db, FederationLink link, FederationEnvelope envelope, CancellationToken cancellationToken);
}

/// <summary>What the receiver tells the sender: every sequence up to this one is safely stored.</summary>
public sealed record LinkAcknowledgement(long AcknowledgedSequence, int Applied, int Unrecognised, int Duplicates);

/// <summary>
/// The receiving side of a link: in order per link, idempotent by sequence and message id, and a
/// wire name this node does not know kept as <see cref="InboxState.Unrecognised"/> instead of dropped; a known one
/// whose payload cannot be read is kept as <see cref="InboxState.Unreadable"/> (both acknowledged and counted as
/// unrecognised, so neither blocks the link).
/// </summary>
public sealed partial class LinkInbox(
    FederationDbContext db, IEnumerable<IFederationMessageHandler> handlers, TimeProvider clock, ILogger<LinkInbox>? logger = null)
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>Times one message is applied again after losing the race for another link's sequence before the call fails.</summary>
    private const int MaxLostRaces = 5;

    private readonly Dictionary<string, IFederationMessageHandler> _handlers = handlers.ToDictionary(h => h.WireName, StringComparer.Ordinal);

    public async Task<LinkAcknowledgement> ReceiveAsync(Guid linkId, IReadOnlyList<FederationEnvelope> envelopes, CancellationToken cancellationToken)
    {
        int applied = 0, unrecognised = 0, duplicates = 0;
        var link = await LoadActiveAsync(linkId, cancellationToken);
        foreach (var envelope in envelopes.OrderBy(e => e.Sequence))
        {
            if (envelope.Sequence <= link.LastReceivedSequence)
            {
                duplicates++;
                continue;
            }
            if (envelope.Sequence != link.LastReceivedSequence + 1)
            {
                // A gap: the sender resends from the acknowledged sequence on, so nothing is applied out of order.
                break;
            }
            if (await db.LinkInbox.AnyAsync(m => m.LinkId == link.Id && m.MessageId == envelope.MessageId, cancellationToken))
            {
                // The same message again under a new sequence (a sender that re-enqueued it, or a hand-built frame): it was
                // applied once; its sequence is acknowledged without a second row, which the link's unique message id would
                // refuse with an error that blocks the link.
                if (!await ClaimSequenceAsync(link.Id, envelope.Sequence, cancellationToken))
                {
                    link.LastReceivedSequence = await db.Links.Where(l => l.Id == link.Id).Select(l => l.LastReceivedSequence).SingleAsync(cancellationToken);
                    break;
                }
                LogRepeatedMessageId(_logger, envelope.MessageId, envelope.WireName, link.PeerNodeId, envelope.Sequence);
                link.LastReceivedSequence = envelope.Sequence;
                duplicates++;
                continue;
            }
            var state = await ApplyOneAsync(link, envelope, _handlers.GetValueOrDefault(envelope.WireName), cancellationToken);
            if (state is null)
            {
                // A second delivery of the same batch got there first: it holds this sequence.
                link.LastReceivedSequence = await db.Links.Where(l => l.Id == link.Id).Select(l => l.LastReceivedSequence).SingleAsync(cancellationToken);
                break;
            }
            link.LastReceivedSequence = envelope.Sequence;
            if (state == InboxState.Applied)
            {
                applied++;
            }
            else
            {
                unrecognised++;
            }
        }
        if (applied + unrecognised == 0)
        {
            await db.Links.Where(l => l.Id == link.Id).ExecuteUpdateAsync(u => u.SetProperty(l => l.LastContactAt, clock.GetUtcNow()), cancellationToken);
        }
        return new LinkAcknowledgement(link.LastReceivedSequence, applied, unrecognised, duplicates);
    }

    /// <summary>
    /// One message: the handler's change, the inbox row and the received sequence in one transaction. When the handler
    /// writes on another link (a city passing a message on to its parent) and a delivery on another of its links took that
    /// link's next sequence first (two counties' messages reaching the city at once: on PostgreSQL both read the same
    /// sequence), the save fails on the sequence's concurrency token: the transaction is rolled back and the message
    /// applied again from fresh reads, instead of failing the call and costing the sender a round.
    /// </summary>
    /// <returns>How the message was kept, or null when another delivery of the same batch already holds this sequence (nothing written).</returns>
    private async Task<InboxState?> ApplyOneAsync(FederationLink link, FederationEnvelope envelope, IFederationMessageHandler? handler, CancellationToken cancellationToken)
    {
        var state = handler is null ? InboxState.Unrecognised : InboxState.Applied;
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                if (state == InboxState.Applied)
                {
                    await handler!.ApplyAsync(db, link, envelope, cancellationToken);
                }
                db.LinkInbox.Add(new LinkInboxMessage
                {
                    LinkId = link.Id,
                    Sequence = envelope.Sequence,
                    MessageId = envelope.MessageId,
                    WireName = envelope.WireName,
                    Payload = envelope.Payload,
                    OccurredAt = envelope.OccurredAt,
                    ReceivedAt = now,
                    State = state,
                });
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (UnreadablePayloadException e)
            {
                // Nothing of the handler's is kept: the message is stored as it came, for the operator, and acknowledged.
                LogUnreadable(_logger, envelope.MessageId, envelope.WireName, link.PeerNodeId, envelope.Sequence, e.Reason);
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                state = InboxState.Unreadable;
                continue;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxLostRaces)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                continue;
            }
            // The received sequence moves by its own conditional update, not through the tracked link: a message this
            // node writes for the same peer meanwhile (a city's progress going up while its parent's task comes down)
            // moves the outgoing sequence, and must not make either side fail and cost the link a round.
            var claimed = await db.Links
                .Where(l => l.Id == link.Id && l.LastReceivedSequence == envelope.Sequence - 1)
                .ExecuteUpdateAsync(u => u.SetProperty(l => l.LastReceivedSequence, envelope.Sequence).SetProperty(l => l.LastContactAt, now), cancellationToken);
            if (claimed == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return null;
            }
            await transaction.CommitAsync(cancellationToken);
            // Nothing stays tracked into the next message: a link the handler wrote on (a city's parent link) would
            // otherwise be read back with this message's sequence, stale once another delivery has written on it.
            db.ChangeTracker.Clear();
            return state;
        }
    }

    private async Task<bool> ClaimSequenceAsync(Guid linkId, long sequence, CancellationToken cancellationToken) =>
        await db.Links
            .Where(l => l.Id == linkId && l.LastReceivedSequence == sequence - 1)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.LastReceivedSequence, sequence).SetProperty(l => l.LastContactAt, clock.GetUtcNow()), cancellationToken) > 0;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Federation message {MessageId} ({WireName}) from {NodeId} came again as sequence {Sequence}; it was received before, so it is acknowledged and not applied again")]
    private static partial void LogRepeatedMessageId(ILogger logger, Guid messageId, string wireName, string nodeId, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Federation message {MessageId} ({WireName}) from {NodeId}, sequence {Sequence}, cannot be read ({Reason}); kept as unreadable for the operator and acknowledged")]
    private static partial void LogUnreadable(ILogger logger, Guid messageId, string wireName, string nodeId, long sequence, string reason);

    /// <summary>
    /// After an upgrade: applies the link's <see cref="InboxState.Unrecognised"/> messages whose wire name now has a
    /// handler, in sequence order, each in one transaction with its row turning <see cref="InboxState.Applied"/>.
    /// The row is claimed by a conditional update, so two operators replaying at once apply a message once.
    /// </summary>
    public async Task<(int Replayed, int StillUnrecognised)> ReplayUnrecognisedAsync(Guid linkId, CancellationToken cancellationToken)
    {
        var link = await db.Links.SingleOrDefaultAsync(l => l.Id == linkId, cancellationToken)
            ?? throw new NotFoundException($"链路 {linkId} 不存在");
        var kept = await db.LinkInbox.AsNoTracking()
            .Where(m => m.LinkId == linkId && m.State == InboxState.Unrecognised)
            .OrderBy(m => m.Sequence)
            .ToListAsync(cancellationToken);
        var replayed = 0;
        foreach (var message in kept)
        {
            if (!_handlers.TryGetValue(message.WireName, out var handler))
            {
                continue;
            }
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.LinkInbox
                .Where(m => m.LinkId == linkId && m.Sequence == message.Sequence && m.State == InboxState.Unrecognised)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.State, InboxState.Applied), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }
            try
            {
                await handler.ApplyAsync(db, link, message.ToEnvelope(), cancellationToken);
            }
            catch (UnreadablePayloadException e)
            {
                // The newer version's payload cannot be read either: kept as unreadable, the replay goes on.
                LogUnreadable(_logger, message.MessageId, message.WireName, link.PeerNodeId, message.Sequence, e.Reason);
                db.ChangeTracker.Clear();
                await db.LinkInbox.Where(m => m.LinkId == linkId && m.Sequence == message.Sequence)
                    .ExecuteUpdateAsync(set => set.SetProperty(m => m.State, InboxState.Unreadable), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                continue;
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            replayed++;
        }
        return (replayed, kept.Count - replayed);
    }

    /// <summary>Untracked: the link row changes only by the conditional updates above.</summary>
    private async Task<FederationLink> LoadActiveAsync(Guid linkId, CancellationToken cancellationToken)
    {
        var link = await db.Links.AsNoTracking().SingleOrDefaultAsync(l => l.Id == linkId, cancellationToken);
        if (link is not { State: LinkState.Active })
        {
            throw new PermissionDeniedException("链路不存在或未生效");
        }
        return link;
    }
}
