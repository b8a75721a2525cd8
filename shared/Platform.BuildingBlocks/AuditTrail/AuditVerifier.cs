using Microsoft.EntityFrameworkCore;

namespace Platform.BuildingBlocks.AuditTrail;

/// <summary>The first place a store's chain fails, and the signed checkpoint it fails against (0: none after it).</summary>
public sealed record ChainBreak(long Sequence, string EntryId, string Problem, string Description, long CheckpointSequence);

public sealed record StoreVerification(
    string Service,
    long EntriesChecked,
    long CheckpointsChecked,
    long LastCheckpointSequence,
    long UnsealedEntries,
    ChainBreak? FirstBreak)
{
    /// <summary>Number and hash of the last good checkpoint: an auditor keeps them to hold a later verification to.</summary>
    public long LastCheckpointNumber { get; init; }

    public string LastCheckpointHash { get; init; } = string.Empty;

    /// <summary>Why the sealer refuses to chain this store's new entries (null: it does not).</summary>
    public string? SealerRefusal { get; init; }

    public bool Intact => FirstBreak is null && SealerRefusal is null;
}

/// <summary>
/// Walks a store's chain from entry 1, streaming (a year may hold millions of entries), and
/// checks each link, each entry's own hash and each signed checkpoint on the way.
/// </summary>
public sealed class AuditVerifier(AuditStores stores, CheckpointSigner signer, AuditAnchors anchors, AuditSealer sealer)
{
    public async Task<IReadOnlyList<StoreVerification>> VerifyAllAsync(CancellationToken cancellationToken, IReadOnlyDictionary<string, AuditAnchor>? expected = null)
    {
        var results = new List<StoreVerification>();
        foreach (var service in stores.Services)
        {
            results.Add(await VerifyAsync(service, cancellationToken, expected?.GetValueOrDefault(service)));
        }
        return results;
    }

    /// <summary>
    /// Verifies a store. <paramref name="expected"/>: a checkpoint the chain must still contain (one an
    /// auditor kept from an earlier answer); the node's anchor is checked in any case.
    /// </summary>
    public async Task<StoreVerification> VerifyAsync(string service, CancellationToken cancellationToken, AuditAnchor? expected = null)
    {
        var result = await WalkAsync(service, cancellationToken, [.. new[] { anchors.Get(service), expected }.OfType<AuditAnchor>()]);
        return result with { SealerRefusal = sealer.RefusalOf(service) };
    }

    private async Task<StoreVerification> WalkAsync(string service, CancellationToken cancellationToken, AuditAnchor[] held)
    {
        // Two contexts: entries and checkpoints are read side by side, each as a stream.
        await using var entriesDb = stores.Open(service);
        await using var checkpointsDb = stores.Open(service);
        var unsealed = await entriesDb.Entries.LongCountAsync(e => e.Sequence == null, cancellationToken);
        await using var checkpoints = checkpointsDb.Checkpoints.AsNoTracking().OrderBy(c => c.Sequence)
            .AsAsyncEnumerable().GetAsyncEnumerator(cancellationToken);
        var checkpoint = await checkpoints.MoveNextAsync() ? checkpoints.Current : null;

        long expected = 1;
        long checkpointsChecked = 0;
        var previousCheckpoint = AuditChain.Genesis;
        long lastGood = 0;
        var previous = AuditChain.Genesis;
        StoreVerification Result(ChainBreak? failure) =>
            new(service, expected - 1, checkpointsChecked, lastGood, unsealed, failure)
            {
                LastCheckpointNumber = checkpointsChecked,
                LastCheckpointHash = checkpointsChecked == 0 ? string.Empty : previousCheckpoint,
            };
        string Id(AuditEntry e) => $"{service}:{e.Position}";

        await foreach (var entry in entriesDb.Entries.AsNoTracking().Where(e => e.Sequence != null).OrderBy(e => e.Sequence)
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var sequence = entry.Sequence!.Value;
            var against = checkpoint?.Sequence ?? 0;
            if (sequence > expected)
            {
                return Result(new ChainBreak(expected, string.Empty, "deleted",
                    sequence == expected + 1 ? $"entry {expected} is missing" : $"entries {expected} to {sequence - 1} are missing",
                    CheckpointAtOrAfter(checkpoint, expected)));
            }
            var linked = entry.PreviousHash == previous;
            var selfConsistent = entry.Hash == AuditChain.HashOf(entry, sequence, entry.PreviousHash ?? string.Empty);
            if (!linked || !selfConsistent)
            {
                var (problem, description) = (linked, selfConsistent) switch
                {
                    (true, false) => ("edited", $"entry {sequence} ({Id(entry)}) was changed after it was chained: its hash no longer matches its fields"),
                    (false, false) when ChainedAt(entry, sequence) is { } place =>
                        ("reordered", $"entry {sequence} ({Id(entry)}) was chained as entry {place} and has been moved"),
                    (false, false) => ("inserted", $"entry {sequence} ({Id(entry)}) was not chained by the node: neither its link nor its hash match"),
                    _ => ("reordered", $"entry {sequence} ({Id(entry)}) does not follow entry {sequence - 1}: entries were reordered or inserted, or entry {sequence - 1} was rewritten with a new hash"),
                };
                return Result(new ChainBreak(sequence, Id(entry), problem, description, against));
            }
            if (checkpoint is not null && checkpoint.Sequence == sequence)
            {
                if (!signer.IsValid(checkpoint) || checkpoint.Service != service)
                {
                    return Result(new ChainBreak(sequence, Id(entry), "checkpoint",
                        $"checkpoint {checkpoint.Sequence} is not signed by this node's audit key (key {checkpoint.KeyId})", checkpoint.Sequence));
                }
                var number = checkpointsChecked + 1;
                if (checkpoint.Number != number)
                {
                    return Result(checkpoint.Number > number
                        ? new ChainBreak(sequence, Id(entry), "checkpoints removed",
                            (checkpoint.Number == number + 1 ? $"checkpoint number {number} is missing" : $"checkpoints numbered {number} to {checkpoint.Number - 1} are missing")
                            + $": the checkpoint at entry {sequence} is number {checkpoint.Number}", checkpoint.Sequence)
                        : new ChainBreak(sequence, Id(entry), "checkpoint",
                            $"the checkpoint at entry {sequence} is numbered {checkpoint.Number}, expected {number}: checkpoints were replaced or reordered", checkpoint.Sequence));
                }
                if (checkpoint.PreviousCheckpointHash != previousCheckpoint)
                {
                    return Result(new ChainBreak(sequence, Id(entry), "checkpoint",
                        $"checkpoint {checkpoint.Number} (at entry {sequence}) does not follow checkpoint {number - 1}: a checkpoint before it was replaced", checkpoint.Sequence));
                }
                if (held.FirstOrDefault(a => a.Number == number && a.CheckpointHash != AuditChain.CheckpointHash(checkpoint)) is { } anchor)
                {
                    return Result(new ChainBreak(sequence, Id(entry), "checkpoint",
                        $"checkpoint {number} (at entry {sequence}) is not the checkpoint {number} that was signed and kept (at entry {anchor.Sequence}): checkpoints were replaced", checkpoint.Sequence));
                }
                if (checkpoint.Hash != entry.Hash)
                {
                    // The links hold, so the chain was recomputed after a change: somewhere since the last good checkpoint.
                    return Result(new ChainBreak(lastGood + 1, string.Empty, "edited",
                        $"the chain was rewritten between entries {lastGood + 1} and {sequence}: entry {sequence} does not hash to what checkpoint {checkpoint.Sequence} signed",
                        checkpoint.Sequence));
                }
                checkpointsChecked++;
                lastGood = checkpoint.Sequence;
                previousCheckpoint = AuditChain.CheckpointHash(checkpoint);
                checkpoint = await checkpoints.MoveNextAsync() ? checkpoints.Current : null;
            }
            previous = entry.Hash!;
            expected++;
        }
        if (checkpoint is not null)
        {
            return Result(new ChainBreak(expected, string.Empty, "deleted",
                $"entries {expected} to {checkpoint.Sequence} are missing: checkpoint {checkpoint.Sequence} signed a longer chain",
                checkpoint.Sequence));
        }
        if (held.Where(a => a.Number > checkpointsChecked).OrderByDescending(a => a.Number).FirstOrDefault() is { } beyond)
        {
            return Result(new ChainBreak(lastGood + 1, string.Empty, "checkpoints removed",
                $"the store's checkpoints end at number {checkpointsChecked}, but checkpoint {beyond.Number}"
                + (beyond.Sequence > 0 ? $" (entry {beyond.Sequence})" : string.Empty) + " was signed: checkpoints were removed, and entries after checkpoint "
                + $"{checkpointsChecked} may have been rewritten or removed", 0));
        }
        return Result(null);
    }

    /// <summary>The nearby place where the entry's own hash was made, if it has been moved from there.</summary>
    private static long? ChainedAt(AuditEntry entry, long sequence)
    {
        const int Window = 64;
        for (var place = Math.Max(1, sequence - Window); place <= sequence + Window; place++)
        {
            if (place != sequence && AuditChain.HashOf(entry, place, entry.PreviousHash ?? string.Empty) == entry.Hash)
            {
                return place;
            }
        }
        return null;
    }

    private static long CheckpointAtOrAfter(AuditCheckpoint? next, long sequence) =>
        next is not null && next.Sequence >= sequence ? next.Sequence : 0;
}
