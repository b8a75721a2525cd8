using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Locks;
using Platform.BuildingBlocks.Node;

namespace Platform.BuildingBlocks.AuditTrail;

/// <summary>
/// Chains appended entries in each store, in the order they were inserted, and signs a
/// checkpoint over each batch in the same transaction. Writers never wait for it: they only insert. One edge replica per
/// store seals at a time (a lease); the unique sequence and the concurrency check on it keep the
/// chain linear even when two do.
/// </summary>
public sealed partial class AuditSealer(
    AuditStores stores,
    ILeaseProvider leases,
    CheckpointSigner signer,
    AuditAnchors anchors,
    AuditEntryKey entryKey,
    TimeProvider clock,
    IOptions<AuditOptions> options,
    IOptions<NodeOptions> node,
    ILogger<AuditSealer> logger) : PeriodicWorker(logger)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _refusals = new(StringComparer.Ordinal);

    /// <summary>Why the sealer last refused to seal a store (null: it did not).</summary>
    public string? RefusalOf(string service) => _refusals.GetValueOrDefault(service);

    protected override TimeSpan Interval => options.Value.SealInterval;

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => SealAllAsync(cancellationToken);

    /// <summary>Seals every store's pending entries; returns how many were chained.</summary>
    public async Task<long> SealAllAsync(CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (var service in stores.Services)
        {
            // An idle round costs one read per store: no lease, no transaction while nothing waits to be sealed.
            if (!await HasUnsealedAsync(service, cancellationToken))
            {
                continue;
            }
            var lease = await leases.TryAcquireAsync($"audit-sealer:{node.Value.Id}:{service}", LeaseDuration, cancellationToken);
            if (lease is null)
            {
                continue;
            }
            await using (lease)
            {
                total += await SealAsync(service, cancellationToken);
            }
        }
        return total;
    }

    private async Task<bool> HasUnsealedAsync(string service, CancellationToken cancellationToken)
    {
        await using var db = stores.Open(service);
        return await db.Entries.AnyAsync(e => e.Sequence == null, cancellationToken);
    }

    private TimeSpan LeaseDuration => TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, options.Value.SealInterval.Ticks * 10));

    private async Task<long> SealAsync(string service, CancellationToken cancellationToken)
    {
        long sealedCount = 0;
        while (true)
        {
            var count = await SealBatchAsync(service, cancellationToken);
            sealedCount += count;
            if (count < options.Value.SealBatchSize)
            {
                break;
            }
        }
        if (sealedCount > 0)
        {
            LogSealed(logger, sealedCount, service);
        }
        return sealedCount;
    }

    private async Task<int> SealBatchAsync(string service, CancellationToken cancellationToken)
    {
        await using var db = stores.Open(service);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var head = await Head(db, cancellationToken);
        var batch = await db.Entries
            .Where(e => e.Sequence == null)
            .OrderBy(e => e.Position)
            .Take(options.Value.SealBatchSize)
            .ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }
        var last = await LatestCheckpoint(db, cancellationToken);
        if (await RefusalAsync(db, service, last, head, cancellationToken) is { } refusal)
        {
            // Never sign a chain that does not extend what the node signed: the store was tampered with.
            _refusals[service] = refusal;
            LogRefused(logger, service, refusal);
            return 0;
        }
        if (entryKey.Key is { } key && batch.FirstOrDefault(e => e.Mac != AuditEntryMac.Compute(key, e)) is { } forged)
        {
            var reason = $"entry {service}:{forged.Position} was not appended by a service (its MAC does not fit): it was inserted in the database";
            _refusals[service] = reason;
            LogRefused(logger, service, reason);
            return 0;
        }
        _refusals.TryRemove(service, out _);
        var (sequence, previous) = head is null ? (0L, AuditChain.Genesis) : (head.Sequence!.Value, head.Hash!);
        foreach (var entry in batch)
        {
            sequence++;
            entry.Sequence = sequence;
            entry.PreviousHash = previous;
            entry.Hash = AuditChain.HashOf(entry, sequence, previous);
            previous = entry.Hash;
        }
        // The batch and the checkpoint over it commit together: no chained entry lies outside a signature.
        var checkpoint = NewCheckpoint(service, last, batch[^1]);
        db.Checkpoints.Add(checkpoint);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        anchors.Set(service, AuditAnchor.Of(checkpoint));
        return batch.Count;
    }

    /// <summary>
    /// The checkpoint over what a seal pass has just chained, so only entries not yet sealed
    /// (seconds old) lie outside a signature. It takes the next number and signs the previous
    /// checkpoint's hash. It covers only entries this sealer chained, never a head it merely found.
    /// </summary>
    private AuditCheckpoint NewCheckpoint(string service, AuditCheckpoint? last, AuditEntry head)
    {
        var checkpoint = new AuditCheckpoint
        {
            Number = (last?.Number ?? 0) + 1,
            Sequence = head.Sequence!.Value,
            Hash = head.Hash!,
            PreviousCheckpointHash = last is null ? AuditChain.Genesis : AuditChain.CheckpointHash(last),
            NodeId = node.Value.Id,
            Service = service,
            CreatedAt = AuditEntry.Truncate(clock.GetUtcNow()),
        };
        signer.Sign(checkpoint);
        return checkpoint;
    }

    /// <summary>
    /// Why the store's chain does not extend the last checkpoint the node knows it signed (in
    /// memory, or in the anchor file), or null. A newer checkpoint (another edge replica signed it)
    /// is accepted when the checkpoint chain leads to it from the known one; the head must be the
    /// entry the latest checkpoint signed, since every batch is signed when it is chained.
    /// </summary>
    private async Task<string?> RefusalAsync(AuditStoreContext db, string service, AuditCheckpoint? last, AuditEntry? head, CancellationToken cancellationToken)
    {
        var known = anchors.Get(service);
        if (known is not null)
        {
            if (last is null || last.Number < known.Number)
            {
                return $"checkpoints removed: the node signed checkpoint {known.Number} (entry {known.Sequence}) of store {service}, the store's latest is {(last is null ? "none" : last.Number.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
            }
            var chain = await db.Checkpoints.AsNoTracking().Where(c => c.Number >= known.Number).OrderBy(c => c.Number).ToListAsync(cancellationToken);
            if (chain.Count == 0 || chain[0].Number != known.Number || AuditChain.CheckpointHash(chain[0]) != known.CheckpointHash)
            {
                return $"checkpoint {known.Number} of store {service} is not the one the node signed";
            }
            for (var i = 1; i < chain.Count; i++)
            {
                if (chain[i].Number != chain[i - 1].Number + 1 || chain[i].PreviousCheckpointHash != AuditChain.CheckpointHash(chain[i - 1]) || !signer.IsValid(chain[i]))
                {
                    return $"checkpoint {chain[i].Number} of store {service} does not extend checkpoint {known.Number} that the node signed";
                }
            }
        }
        else if (last is not null && !signer.IsValid(last))
        {
            return $"the latest checkpoint ({last.Number}) of store {service} is not signed by this node's audit key";
        }
        if (last is null)
        {
            return head is null ? null : $"store {service} has chained entries (up to {head.Sequence}) but no checkpoint: they were not sealed by the node";
        }
        if (head is null || head.Sequence != last.Sequence || head.Hash != last.Hash)
        {
            return $"the head of store {service} (entry {head?.Sequence ?? 0}) is not the entry checkpoint {last.Number} signed (entry {last.Sequence}): entries were removed, added or rewritten";
        }
        if (known is null)
        {
            anchors.Set(service, AuditAnchor.Of(last));
        }
        return null;
    }

    private static Task<AuditCheckpoint?> LatestCheckpoint(AuditStoreContext db, CancellationToken cancellationToken) =>
        db.Checkpoints.AsNoTracking().OrderByDescending(c => c.Number).ThenByDescending(c => c.Sequence).FirstOrDefaultAsync(cancellationToken);

    private static Task<AuditEntry?> Head(AuditStoreContext db, CancellationToken cancellationToken) =>
        db.Entries.AsNoTracking().Where(e => e.Sequence != null).OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit store {Service} refused for sealing: {Reason}")]
    private static partial void LogRefused(ILogger logger, string service, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Chained {Count} audit entries in {Service}")]
    private static partial void LogSealed(ILogger logger, long count, string service);
}
