using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Platform.BuildingBlocks.AuditTrail;

/// <summary>The latest checkpoint of a store that the node signed (or an auditor kept): what its chain must extend.</summary>
public sealed record AuditAnchor(long Number, long Sequence, string Hash, string CheckpointHash)
{
    public static AuditAnchor Of(AuditCheckpoint checkpoint) =>
        new(checkpoint.Number, checkpoint.Sequence, checkpoint.Hash, AuditChain.CheckpointHash(checkpoint));
}

/// <summary>
/// The last checkpoint the sealer signed per store, kept in memory and, when Audit:AnchorFile is
/// set (by default beside the checkpoint key on the embedded node), in a small file outside the
/// database: someone who can only edit the database cannot make the node forget what it signed.
/// </summary>
public sealed class AuditAnchors
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly ConcurrentDictionary<string, AuditAnchor> _anchors = new(StringComparer.Ordinal);
    private readonly string? _file;
    private readonly Lock _gate = new();

    public AuditAnchors(IOptions<AuditOptions> options)
    {
        _file = string.IsNullOrWhiteSpace(options.Value.AnchorFile) ? null : options.Value.AnchorFile;
        if (_file is not null && File.Exists(_file))
        {
            var saved = JsonSerializer.Deserialize<Dictionary<string, AuditAnchor>>(File.ReadAllText(_file), Json) ?? [];
            foreach (var (service, anchor) in saved)
            {
                _anchors[service] = anchor;
            }
        }
    }

    public AuditAnchor? Get(string service) => _anchors.GetValueOrDefault(service);

    public void Set(string service, AuditAnchor anchor)
    {
        lock (_gate)
        {
            if (_anchors.TryGetValue(service, out var known) && known.Number >= anchor.Number)
            {
                return;
            }
            _anchors[service] = anchor;
            if (_file is null)
            {
                return;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
            var temporary = _file + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(_anchors.ToDictionary(p => p.Key, p => p.Value), Json));
            File.Move(temporary, _file, overwrite: true);
        }
    }
}
