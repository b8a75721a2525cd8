using Platform.Rectification.Module.Features.Evidence;
using RectificationItem = Platform.Contracts.Rectification.V1.RectificationItem;

namespace Platform.Rectification.Module.Features.ReportProgress;

/// <summary>The unit reports progress, with optional evidence files.</summary>
public sealed class ReportProgressHandler(RectificationDbContext db, RectificationAccess access, EvidenceIntake evidence)
{
    public async Task<RectificationItem> HandleAsync(ReportProgressRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Id("item_id", request.ItemId);
        var percent = validator.Range("percent", request.Percent, 0, 99);
        var text = validator.Required("text", request.Text, 4000);
        evidence.Check(validator, request.EvidenceFiles);
        validator.ThrowIfInvalid();

        var item = await access.LoadAsync(db.Items, "item_id", request.ItemId, cancellationToken);
        access.RequireActingFor(item);
        var stored = await evidence.StoreAsync(request.EvidenceFiles, cancellationToken);
        var stamp = access.Now();
        var (entry, added) = item.ReportProgress(percent, text, stored, stamp);
        db.History.Add(entry);
        db.EvidenceFiles.AddRange(added);
        await db.SaveChangesAsync(cancellationToken);
        return item.ToProto();
    }
}
