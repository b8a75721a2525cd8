namespace Platform.Rectification.Module.Domain;

/// <summary>
/// A file the unit attached to a report as evidence (佐证材料). The bytes live in the content-addressed
/// file store under <see cref="Sha256"/>; this row names them. Never changed once written, so a
/// send-back keeps what was submitted before.
/// </summary>
public sealed class EvidenceFile
{
    private EvidenceFile()
    {
    }

    public Guid Id { get; private set; }

    public Guid ItemId { get; private set; }

    /// <summary>The report it came with: <see cref="HistoryActions.CompletionSubmitted"/> or <see cref="HistoryActions.ProgressReported"/>.</summary>
    public string Report { get; private set; } = string.Empty;

    public string FileName { get; private set; } = string.Empty;

    public string ContentType { get; private set; } = string.Empty;

    public long Size { get; private set; }

    public string Sha256 { get; private set; } = string.Empty;

    public Audit Uploaded { get; private set; } = null!;

    internal static EvidenceFile Create(Guid itemId, string report, string fileName, string contentType, long size, string sha256, Audit uploaded) => new()
    {
        Id = Guid.CreateVersion7(),
        ItemId = itemId,
        Report = report,
        FileName = fileName,
        ContentType = contentType,
        Size = size,
        Sha256 = sha256,
        Uploaded = uploaded,
    };
}
