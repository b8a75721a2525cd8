using System.ComponentModel.DataAnnotations;

namespace Platform.BuildingBlocks.AuditTrail;

/// <summary>The audit trail at the node's edge (section "Audit"): the stores it seals, signs and verifies.</summary>
public sealed class AuditOptions : IValidatableObject
{
    public const string SectionName = "Audit";

    public static readonly string[] DefaultStores = ["planning", "inspection", "rectification", "assessment", "notification"];

    /// <summary>
    /// Services whose stores hold audit entries (each needs ConnectionStrings:&lt;service&gt;db); the
    /// five services when unset. Empty by default because configuration binds arrays by index:
    /// a default list would keep its tail under a shorter configured one.
    /// </summary>
    public string[] Stores { get; set; } = [];

    /// <summary>How often the sealer chains new entries.</summary>
    public TimeSpan SealInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Entries chained per transaction.</summary>
    [Range(1, 100_000)]
    public int SealBatchSize { get; set; } = 2000;

    /// <summary>
    /// ECDSA P-256 private key (PKCS#8 PEM) that signs checkpoints, inline (from a secret).
    /// Every edge replica of the node holds the same key.
    /// </summary>
    public string? CheckpointKey { get; set; }

    /// <summary>The same key in a file; by default &lt;Database:DataDirectory&gt;/keys/audit-checkpoint.pem on SQLite.</summary>
    public string? CheckpointKeyFile { get; set; }

    /// <summary>
    /// A small file outside the databases holding the last checkpoint signed per store; by default
    /// audit-anchor.json beside the checkpoint key file. Unset (distributed node with an inline
    /// key): the sealer keeps it in memory only.
    /// </summary>
    public string? AnchorFile { get; set; }

    /// <summary>Create the key file with a new key when it does not exist (embedded node).</summary>
    public bool CreateKeyFileIfMissing { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Stores.Any(s => string.IsNullOrWhiteSpace(s) || !s.All(c => char.IsAsciiLetterLower(c))))
        {
            yield return new ValidationResult("Audit:Stores must list service names in lower-case letters.", [nameof(Stores)]);
        }
        if (SealInterval <= TimeSpan.Zero || SealInterval > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("Audit:SealInterval must be between 0 and 1 hour.", [nameof(SealInterval)]);
        }
        if (string.IsNullOrWhiteSpace(CheckpointKey) && string.IsNullOrWhiteSpace(CheckpointKeyFile))
        {
            yield return new ValidationResult("Set Audit:CheckpointKey or Audit:CheckpointKeyFile (the key that signs audit checkpoints).", [nameof(CheckpointKey), nameof(CheckpointKeyFile)]);
        }
    }
}
