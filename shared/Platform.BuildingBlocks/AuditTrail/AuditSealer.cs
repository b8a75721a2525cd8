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
    TimeProvider clock,
    IOptions<AuditOptions> options,
    IOptions<NodeOptions> node,
    ILogger<AuditSealer> logger) : PeriodicWorker(logger)
{
    protected override TimeSpan Interval => options.Value.SealInterval;

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => SealAllAsync(cancellationToken);

    /// <summary>Seals every store's pending entries; returns how many were chained.</summary>
    public async Task<long> SealAllAsync(CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (var service in stores.Services)
        {
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
        db.Checkpoints.Add(NewCheckpoint(service, await LatestCheckpoint(db, cancellationToken), batch[^1]));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
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

    private static Task<AuditCheckpoint?> LatestCheckpoint(AuditStoreContext db, CancellationToken cancellationToken) =>
        db.Checkpoints.AsNoTracking().OrderByDescending(c => c.Number).ThenByDescending(c => c.Sequence).FirstOrDefaultAsync(cancellationToken);

    private static Task<AuditEntry?> Head(AuditStoreContext db, CancellationToken cancellationToken) =>
        db.Entries.AsNoTracking().Where(e => e.Sequence != null).OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Chained {Count} audit entries in {Service}")]
    private static partial void LogSealed(ILogger logger, long count, string service);
}
