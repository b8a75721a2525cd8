using Microsoft.EntityFrameworkCore;
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
/// wire name this node does not know kept as <see cref="InboxState.Unrecognised"/> instead of dropped.
/// </summary>
public sealed class LinkInbox(FederationDbContext db, IEnumerable<IFederationMessageHandler> handlers, TimeProvider clock)
{
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
            var known = _handlers.TryGetValue(envelope.WireName, out var handler);
            var now = clock.GetUtcNow();
            // One transaction per message: the inbox row, the sequence and the local change commit together.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (known)
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
                State = known ? InboxState.Applied : InboxState.Unrecognised,
            });
            await db.SaveChangesAsync(cancellationToken);
            // The received sequence moves by its own conditional update, not through the tracked link: a message this
            // node writes for the same peer meanwhile (a city's progress going up while its parent's task comes down)
            // moves the outgoing sequence, and must not make either side fail and cost the link a round.
            var claimed = await db.Links
                .Where(l => l.Id == link.Id && l.LastReceivedSequence == envelope.Sequence - 1)
                .ExecuteUpdateAsync(u => u.SetProperty(l => l.LastReceivedSequence, envelope.Sequence).SetProperty(l => l.LastContactAt, now), cancellationToken);
            if (claimed == 0)
            {
                // A second delivery of the same batch got there first: it holds this sequence.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                link.LastReceivedSequence = await db.Links.Where(l => l.Id == link.Id).Select(l => l.LastReceivedSequence).SingleAsync(cancellationToken);
                break;
            }
            await transaction.CommitAsync(cancellationToken);
            link.LastReceivedSequence = envelope.Sequence;
            if (known)
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
            await handler.ApplyAsync(db, link, message.ToEnvelope(), cancellationToken);
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
