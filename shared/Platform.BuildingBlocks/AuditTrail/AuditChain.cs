using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Platform.BuildingBlocks.AuditTrail;

/// <summary>
/// The hash chain: each entry's hash covers its own fields, its sequence and the previous
/// entry's hash, so an edit, a deletion, an insertion or a swap breaks every later link.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of entry 1.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string HashOf(AuditEntry entry, long sequence, string previousHash)
    {
        var text = AuditEntryMac.Text(
            entry,
            "v1",
            sequence.ToString(CultureInfo.InvariantCulture),
            previousHash,
            entry.Position.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// What a checkpoint's signature covers: its number, the last entry's sequence and hash, and
    /// the previous checkpoint's hash, so checkpoints form a signed chain of their own.
    /// </summary>
    public static byte[] CheckpointPayload(AuditCheckpoint checkpoint) =>
        Encoding.UTF8.GetBytes(string.Join(
            '\u001f',
            "platform-audit-checkpoint-v2",
            checkpoint.NodeId,
            checkpoint.Service,
            checkpoint.Number.ToString(CultureInfo.InvariantCulture),
            checkpoint.Sequence.ToString(CultureInfo.InvariantCulture),
            checkpoint.Hash,
            checkpoint.PreviousCheckpointHash,
            checkpoint.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            checkpoint.KeyId));

    /// <summary>A checkpoint's own hash: what the next checkpoint signs as its predecessor.</summary>
    public static string CheckpointHash(AuditCheckpoint checkpoint) =>
        Convert.ToHexStringLower(SHA256.HashData(CheckpointPayload(checkpoint)));
}
