using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// Writes messages for a peer node into the per-link outbox. The caller saves; the row then
/// commits with whatever caused it. A message id already on the link is not enqueued again,
/// so consuming the same local event twice leaves one row.
/// </summary>
public static class LinkOutbox
{
    /// <summary>
    /// Puts a message on the link of every child that is not revoked (a pending child gets it once approved), or of the
    /// children named, under one message id: what goes to the whole subtree (a campaign, a calendar update) and what a
    /// city relays to all its counties.
    /// </summary>
    public static async Task EnqueueOnChildrenAsync(
        FederationDbContext db, Guid messageId, string wireName, string payload, DateTimeOffset occurredAt, IReadOnlyCollection<string> childNodeIds,
        CancellationToken cancellationToken)
    {
        // Node ids compare ignoring case, as everywhere a link is looked up by its peer.
        var named = childNodeIds.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var links = await db.Links
            .Where(l => l.Role == LinkRole.Child && l.State != LinkState.Revoked)
            .ToListAsync(cancellationToken);
        foreach (var link in links.Where(l => named.Count == 0 || named.Contains(l.PeerNodeId)))
        {
            await EnqueueAsync(db, link.Id, messageId, wireName, payload, occurredAt, cancellationToken);
        }
    }

    /// <returns>The row, or null when the message was already on the link.</returns>
    public static async Task<LinkOutboxMessage?> EnqueueAsync(
        FederationDbContext db, Guid linkId, Guid messageId, string wireName, string payload, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        var link = await LoadLinkAsync(db, linkId, wireName, cancellationToken);
        if (await db.LinkOutbox.AnyAsync(m => m.LinkId == linkId && m.MessageId == messageId, cancellationToken))
        {
            return null;
        }
        // A revoked or pending link still takes messages: they wait in its backlog for the operator.
        var row = new LinkOutboxMessage
        {
            LinkId = linkId,
            Sequence = link.NextOutgoingSequence,
            MessageId = messageId,
            WireName = wireName,
            Payload = payload,
            OccurredAt = occurredAt,
        };
        link.NextOutgoingSequence++;
        db.LinkOutbox.Add(row);
        return row;
    }

    /// <summary>
    /// For a message whose newest state is all the peer needs (a task's progress summary): keeps it as the link's
    /// pending message under <paramref name="key"/>, replacing an older one, until the next delivery round moves it
    /// into the outbox (<see cref="FlushPendingAsync"/>). Thousands of changes to one task in a round send one
    /// message, the latest; an older message arriving late (the bus does not promise order) changes nothing.
    /// The caller saves, as with <see cref="EnqueueAsync"/>.
    /// </summary>
    public static async Task EnqueueLatestAsync(
        FederationDbContext db, Guid linkId, string key, Guid messageId, string wireName, string payload, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > LinkPendingMessage.MaxKeyLength)
        {
            throw new ValidationException("key", $"合并键须为 1 至 {LinkPendingMessage.MaxKeyLength} 个字符");
        }
        await LoadLinkAsync(db, linkId, wireName, cancellationToken);
        if (await db.LinkOutbox.AnyAsync(m => m.LinkId == linkId && m.MessageId == messageId, cancellationToken))
        {
            return;
        }
        var pending = await db.LinkPending.SingleOrDefaultAsync(m => m.LinkId == linkId && m.Key == key, cancellationToken);
        if (pending is null)
        {
            db.LinkPending.Add(new LinkPendingMessage
            {
                LinkId = linkId, Key = key, MessageId = messageId, WireName = wireName, Payload = payload, OccurredAt = occurredAt, Version = Guid.NewGuid(),
            });
            return;
        }
        if (occurredAt < pending.OccurredAt)
        {
            return;
        }
        pending.MessageId = messageId;
        pending.WireName = wireName;
        pending.Payload = payload;
        pending.OccurredAt = occurredAt;
        pending.Version = Guid.NewGuid();
    }

    /// <summary>
    /// Moves the link's pending messages into its outbox, oldest first, each with the link's next sequence, and
    /// saves. A pending message replaced while this ran (its version changed) or a sequence taken meanwhile makes
    /// the save fail: nothing moves and the next round tries again, so the newest state is never deleted unsent.
    /// </summary>
    /// <returns>How many pending messages moved into the outbox.</returns>
    public static async Task<int> FlushPendingAsync(FederationDbContext db, Guid linkId, CancellationToken cancellationToken)
    {
        var pending = await db.LinkPending.Where(m => m.LinkId == linkId).OrderBy(m => m.OccurredAt).ThenBy(m => m.Key).ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return 0;
        }
        foreach (var message in pending)
        {
            await EnqueueAsync(db, linkId, message.MessageId, message.WireName, message.Payload, message.OccurredAt, cancellationToken);
            db.LinkPending.Remove(message);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return pending.Count;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return 0;
        }
    }

    private static async Task<FederationLink> LoadLinkAsync(FederationDbContext db, Guid linkId, string wireName, CancellationToken cancellationToken)
    {
        if (!FederationWireNames.IsWellFormed(wireName))
        {
            throw new ValidationException("wire_name", $"'{wireName}' 不是 federation.<名称>.v<版本> 形式的报文名称");
        }
        return await db.Links.SingleOrDefaultAsync(l => l.Id == linkId, cancellationToken)
            ?? throw new NotFoundException($"链路 {linkId} 不存在");
    }
}

/// <summary>The clean-up of what the links no longer need (ADR 0013: kept for the operator for a while).</summary>
public static class LinkRetention
{
    /// <summary>
    /// Deletes outbox rows delivered and inbox rows applied before <paramref name="cutoff"/>. Undelivered rows
    /// (the backlog) and unrecognised ones (waiting for a replay) stay. Order and deduplication do not need the
    /// rows: the link's sequence counters carry them.
    /// </summary>
    /// <returns>Rows deleted from the outbox and from the inbox.</returns>
    public static async Task<(int Outbox, int Inbox)> PurgeAsync(FederationDbContext db, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var outbox = await db.LinkOutbox.Where(m => m.DeliveredAt != null && m.DeliveredAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var inbox = await db.LinkInbox.Where(m => m.State == InboxState.Applied && m.ReceivedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        return (outbox, inbox);
    }
}

/// <summary>Names of what crosses links: <c>federation.&lt;snake_name&gt;.v&lt;N&gt;</c> (ADR 0010, ADR 0013).</summary>
public static class FederationWireNames
{
    public static bool IsWellFormed(string? wireName)
    {
        if (wireName is null || wireName.Length > 300)
        {
            return false;
        }
        var parts = wireName.Split('.');
        return parts.Length == 3
            && parts[0] == "federation"
            && parts[1].Length > 0 && parts[1].All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')
            && parts[2].Length > 1 && parts[2][0] == 'v' && parts[2][1..].All(char.IsAsciiDigit);
    }
}
