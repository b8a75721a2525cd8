using Google.Protobuf.Collections;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Files;
using Platform.BuildingBlocks.Kernel.Time;
using Platform.Contracts.Events.Rectification;
using Platform.Contracts.Rectification.V1;
using Platform.Rectification.Module.Infrastructure;

namespace Platform.Rectification.Module.Features.Workflow;

/// <summary>
/// The item's working life: the unit submits its plan, reports progress and completion; the
/// office verifies (验收销号) or sends it back with reasons and a new deadline.
/// </summary>
public sealed class WorkflowFeature(
    RectificationDbContext db,
    RectificationAccess access,
    DeadlinePolicy deadlines,
    TimeProvider clock,
    IFileStore files,
    IOptions<EvidenceOptions> evidenceOptions)
{
    public async Task<RectificationItem> SubmitPlanAsync(SubmitPlanRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Id("item_id", request.ItemId);
        if (request.Measures.Count == 0)
        {
            validator.Add("measures", "must list at least one rectification measure");
        }
        if (request.Measures.Count > 100)
        {
            validator.Add("measures", "must list at most 100 measures");
        }
        var measures = request.Measures.Select((m, i) => validator.Required($"measures[{i}]", m, 2000)).ToList();
        var milestones = request.Milestones.Select((m, i) => new Domain.Milestone
        {
            Text = validator.Required($"milestones[{i}].text", m.Text, 1000),
            Due = validator.Date($"milestones[{i}].due", m.Due),
        }).ToList();
        validator.ThrowIfInvalid();

        var item = await access.LoadAsync(db.Items, "item_id", request.ItemId, cancellationToken);
        access.RequireActingFor(item);
        var stamp = access.Now();
        db.History.Add(item.SubmitPlan(measures, milestones, stamp));
        db.AddIntegrationEvent(new RectificationPlanSubmitted(item.Id, item.UnitId, measures.Count, stamp.UserId, stamp.At, stamp.NodeId));
        await db.SaveChangesAsync(cancellationToken);
        return item.ToProto();
    }

    public async Task<RectificationItem> ReportProgressAsync(ReportProgressRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Id("item_id", request.ItemId);
        var percent = validator.Range("percent", request.Percent, 0, 99);
        var text = validator.Required("text", request.Text, 4000);
        CheckEvidenceFiles(validator, request.EvidenceFiles);
        validator.ThrowIfInvalid();

        var item = await access.LoadAsync(db.Items, "item_id", request.ItemId, cancellationToken);
        access.RequireActingFor(item);
        var stored = await StoreEvidenceAsync(request.EvidenceFiles, cancellationToken);
        var stamp = access.Now();
        var (entry, added) = item.ReportProgress(percent, text, stored, stamp);
        db.History.Add(entry);
        db.EvidenceFiles.AddRange(added);
        db.AddIntegrationEvent(new RectificationProgressReported(item.Id, item.UnitId, percent, stamp.UserId, stamp.At, stamp.NodeId));
        await db.SaveChangesAsync(cancellationToken);
        return item.ToProto();
    }

    public async Task<RectificationItem> SubmitCompletionAsync(SubmitCompletionRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Id("item_id", request.ItemId);
        var summary = validator.Required("summary", request.Summary, 8000);
        if (request.Evidence.Count == 0 && request.EvidenceFiles.Count == 0)
        {
            validator.Add("evidence", "must list at least one piece of evidence (a line in evidence or a file in evidence_files)");
        }
        var evidence = request.Evidence.Select((e, i) => validator.Required($"evidence[{i}]", e, 1000)).ToList();
        CheckEvidenceFiles(validator, request.EvidenceFiles);
        validator.ThrowIfInvalid();

        var item = await access.LoadAsync(db.Items, "item_id", request.ItemId, cancellationToken);
        access.RequireActingFor(item);
        var stored = await StoreEvidenceAsync(request.EvidenceFiles, cancellationToken);
        var stamp = access.Now();
        var (entry, added) = item.SubmitCompletion(summary, evidence, stored, stamp);
        db.History.Add(entry);
        db.EvidenceFiles.AddRange(added);
        db.AddIntegrationEvent(new RectificationCompletionSubmitted(item.Id, item.UnitId, stamp.UserId, stamp.At, stamp.NodeId));
        await db.SaveChangesAsync(cancellationToken);
        return item.ToProto();
    }

    public async Task<RectificationItem> VerifyAsync(VerifyItemRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        validator.Id("item_id", request.ItemId);
        var note = validator.Optional("note", request.Note, 2000) ?? string.Empty;
        validator.ThrowIfInvalid();

        var item = await access.LoadAsync(db.Items, "item_id", request.ItemId, cancellationToken);
        var stamp = access.Now();
        db.History.Add(item.Verify(note, clock.TodayInChina(), stamp));
        db.AddIntegrationEvent(new RectificationVerified(item.Id, item.UnitId, stamp.UserId, stamp.At, stamp.NodeId));
        await db.SaveChangesAsync(cancellationToken);
        return item.ToProto();
    }

    public async Task<RectificationItem> SendBackAsync(SendBackItemRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        validator.Id("item_id", request.ItemId);
        var reason = validator.Required("reason", request.Reason, 2000);
        var today = clock.TodayInChina();
        DateOnly? requested = string.IsNullOrWhiteSpace(request.NewDeadline) ? null : validator.Date("new_deadline", request.NewDeadline);
        if (requested is { } date && date != default && date <= today)
        {
            validator.Add("new_deadline", $"must be after today ({today:yyyy-MM-dd}), got {date:yyyy-MM-dd}");
        }
        validator.ThrowIfInvalid();

        var item = await access.LoadAsync(db.Items, "item_id", request.ItemId, cancellationToken);
        var stamp = access.Now();
        var newDeadline = requested ?? deadlines.AfterSendBack(today);
        db.History.Add(item.SendBack(reason, newDeadline, stamp));
        db.AddIntegrationEvent(new RectificationSentBack(
            item.Id, item.UnitId, item.UnitName, item.Title, reason, newDeadline, item.SendBackCount, stamp.UserId, stamp.At, stamp.NodeId));
        await db.SaveChangesAsync(cancellationToken);
        return item.ToProto();
    }

    /// <summary>An evidence file's bytes, for those who may see its item; another unit's item answers NotFound.</summary>
    public async Task<(Domain.EvidenceFile Evidence, byte[] Content)> ReadEvidenceAsync(string itemId, string evidenceId, CancellationToken cancellationToken)
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

    private void CheckEvidenceFiles(RequestValidator validator, RepeatedField<NewEvidenceFile> evidenceFiles)
    {
        var options = evidenceOptions.Value;
        if (evidenceFiles.Count > options.MaxPerReport)
        {
            validator.Add("evidence_files", $"at most {options.MaxPerReport} files per report, got {evidenceFiles.Count}");
            return;
        }
        for (var i = 0; i < evidenceFiles.Count; i++)
        {
            UploadCheck.Check(validator, $"evidence_files[{i}].", evidenceFiles[i].FileName, evidenceFiles[i].Content.Span,
                options.AllowedExtensions, options.MaxBytes);
        }
    }

    /// <summary>
    /// Files are stored before the rows that name them: a failed save leaves an unreferenced file
    /// (harmless in a content-addressed store), never a row without its bytes.
    /// </summary>
    private async Task<List<Domain.StoredEvidence>> StoreEvidenceAsync(RepeatedField<NewEvidenceFile> evidenceFiles, CancellationToken cancellationToken)
    {
        var stored = new List<Domain.StoredEvidence>(evidenceFiles.Count);
        foreach (var file in evidenceFiles)
        {
            var saved = await files.SaveAsync(file.Content.Memory, cancellationToken);
            var name = UploadCheck.FileNameOf(file.FileName);
            stored.Add(new Domain.StoredEvidence(name, UploadCheck.ContentTypeOf(name), saved.Size, saved.Sha256));
        }
        return stored;
    }
}
