using Platform.Rectification.Module.Features.Evidence;
using RectificationItem = Platform.Contracts.Rectification.V1.RectificationItem;

namespace Platform.Rectification.Module.Features.SubmitCompletion;

/// <summary>The unit reports the item done, with a summary and evidence (lines, files or both).</summary>
public sealed class SubmitCompletionHandler(RectificationDbContext db, RectificationAccess access, EvidenceIntake evidenceIntake)
{
    public async Task<RectificationItem> HandleAsync(SubmitCompletionRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Id("item_id", request.ItemId);
        var summary = validator.Required("summary", request.Summary, 8000);
        if (request.Evidence.Count == 0 && request.EvidenceFiles.Count == 0)
        {
            validator.Add("evidence", "must list at least one piece of evidence (a line in evidence or a file in evidence_files)");
        }
        var evidence = request.Evidence.Select((e, i) => validator.Required($"evidence[{i}]", e, 1000)).ToList();
        evidenceIntake.Check(validator, request.EvidenceFiles);
        validator.ThrowIfInvalid();

        var item = await access.LoadAsync(db.Items, "item_id", request.ItemId, cancellationToken);
        access.RequireActingFor(item);
        var stored = await evidenceIntake.StoreAsync(request.EvidenceFiles, cancellationToken);
        var stamp = access.Now();
        var (entry, added) = item.SubmitCompletion(summary, evidence, stored, stamp);
        db.History.Add(entry);
        db.EvidenceFiles.AddRange(added);
        await db.SaveChangesAsync(cancellationToken);
        return item.ToProto();
    }
}
