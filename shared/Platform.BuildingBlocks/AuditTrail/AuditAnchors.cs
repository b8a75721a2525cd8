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
/// Several gateway replicas share the file (the chart's volume): each seals the stores it holds
/// the lease of, so a write merges what the file already holds (the later checkpoint of each store
/// wins) under a lock file, and a read picks up what another replica wrote.
/// </summary>
public sealed class AuditAnchors
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly ConcurrentDictionary<string, AuditAnchor> _anchors = new(StringComparer.Ordinal);
    private readonly string? _file;
    private readonly Lock _gate = new();
    private DateTime _readAt = DateTime.MinValue;

    public AuditAnchors(IOptions<AuditOptions> options)
    {
        _file = string.IsNullOrWhiteSpace(options.Value.AnchorFile) ? null : options.Value.AnchorFile;
        lock (_gate)
        {
            Refresh();
        }
    }

    public AuditAnchor? Get(string service)
    {
        lock (_gate)
        {
            Refresh();
        }
        return _anchors.GetValueOrDefault(service);
    }

    public void Set(string service, AuditAnchor anchor)
    {
        lock (_gate)
        {
            if (_file is null)
            {
                Keep(service, anchor);
                return;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
            using var guard = LockFile();
            _readAt = DateTime.MinValue;
            Refresh();
            if (!Keep(service, anchor))
            {
                return;
            }
            var temporary = _file + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(_anchors.ToDictionary(p => p.Key, p => p.Value), Json));
            File.Move(temporary, _file, overwrite: true);
            _readAt = File.GetLastWriteTimeUtc(_file);
        }
    }

    /// <summary>Keeps the later of the known and the given anchor; true when the given one is newer.</summary>
    private bool Keep(string service, AuditAnchor anchor)
    {
        if (_anchors.TryGetValue(service, out var known) && known.Number >= anchor.Number)
        {
            return false;
        }
        _anchors[service] = anchor;
        return true;
    }

    /// <summary>Merges the file into memory when it changed since it was last read.</summary>
    private void Refresh()
    {
        if (_file is null || !File.Exists(_file))
        {
            return;
        }
        var changed = File.GetLastWriteTimeUtc(_file);
        if (changed == _readAt)
        {
            return;
        }
        var saved = JsonSerializer.Deserialize<Dictionary<string, AuditAnchor>>(File.ReadAllText(_file), Json) ?? [];
        foreach (var (service, anchor) in saved)
        {
            Keep(service, anchor);
        }
        _readAt = changed;
    }

    /// <summary>An exclusive lock on a file beside the anchor, held by one writer of all replicas at a time.</summary>
    private FileStream LockFile()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(_file + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 100)
            {
                Thread.Sleep(50);
            }
        }
    }
}
