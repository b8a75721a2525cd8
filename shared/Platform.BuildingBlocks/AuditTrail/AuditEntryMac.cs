using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Platform.BuildingBlocks.AuditTrail;

/// <summary>
/// The key the services MAC each audit entry with when they append it, which the databases do not
/// hold: `Audit:EntryKey` (base64, at least 32 bytes, the same in every service and the edge of a
/// distributed node), or, on the embedded node when unset, a key derived (HKDF-SHA256) from the
/// node's checkpoint key. Without either (a distributed node with no Audit:EntryKey) entries carry
/// no MAC and the sealer does not check them.
/// </summary>
public sealed class AuditEntryKey(IConfiguration configuration, IServiceProvider services)
{
    /// <summary>The key this reads from configuration directly (not through AuditOptions); named so the chart check knows it.</summary>
    public const string ConfigurationKey = AuditOptions.SectionName + ":EntryKey";

    private readonly Lazy<byte[]?> _key = new(() => Resolve(configuration, services));

    public byte[]? Key => _key.Value;

    private static byte[]? Resolve(IConfiguration configuration, IServiceProvider services)
    {
        var configured = configuration[ConfigurationKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var bytes = Convert.FromBase64String(configured);
            return bytes.Length >= 32 ? bytes : throw new InvalidOperationException("Audit:EntryKey must be at least 32 bytes (base64).");
        }
        // The embedded node: the services and the edge share one process and its checkpoint key.
        var options = services.GetService<IOptions<AuditOptions>>()?.Value;
        return options is { CreateKeyFileIfMissing: true } && services.GetService<CheckpointSigner>() is { } signer ? signer.DeriveEntryKey() : null;
    }
}

public static class AuditEntryMac
{
    public static string Compute(byte[] key, AuditEntry entry) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Text(entry, "platform-audit-entry-v1"))));

    /// <summary>
    /// What an entry's MAC and its chain hash cover: the leading values, then what was recorded
    /// (time, node, who, from where, what, on what), joined by the unit separator.
    /// </summary>
    internal static string Text(AuditEntry entry, params string[] leading) =>
        string.Join(
            '\u001f',
            [
                .. leading,
                entry.RecordedAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
                entry.NodeId,
                entry.Service,
                entry.UserId,
                entry.ClientAddress,
                entry.Action,
                entry.Operation,
                entry.EntityType,
                entry.EntityId,
                entry.Detail,
            ]);
}
