using Platform.BuildingBlocks.Files;

namespace Platform.Rectification.Module.Features.Evidence;

/// <summary>
/// The evidence download (REST only, no RPC carries it): an evidence file's bytes, for those who may
/// see its item; another unit's item answers NotFound.
/// </summary>
public sealed class EvidenceReader(RectificationDbContext db, RectificationAccess access, IFileStore files)
{
    public async Task<(Domain.EvidenceFile Evidence, byte[] Content)> ReadAsync(string itemId, string evidenceId, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var id = validator.Id("evidence_id", evidenceId);
        validator.Id("item_id", itemId);
        validator.ThrowIfInvalid();
        var item = await access.LoadAsync(db.Items.AsNoTracking(), "item_id", itemId, cancellationToken);
        var evidence = item.EvidenceFiles.SingleOrDefault(e => e.Id == id)
            ?? throw new NotFoundException($"Evidence file {id} does not exist on item {item.Id}.");
        var content = await files.ReadAsync(evidence.Sha256, cancellationToken)
            ?? throw new NotFoundException($"The content of evidence file {id} is missing from the file store.");
        return (evidence, content);
    }
}
