using Microsoft.Extensions.Options;
using Platform.Assessment.Module.Features.DutyReports;
using Platform.Assessment.Module.Features.People;
using Platform.BuildingBlocks.Kernel.Time;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Files;

namespace Platform.Assessment.Module.Features.SubmitDutyReport;

/// <summary>A reporter's unit (its liaison or leader) submits the duty report, in one of the campaign's forms, with files.</summary>
public sealed class SubmitDutyReportHandler(
    AssessmentDbContext db, AssessmentAccess access, RosterLoader loader, IFileStore files, IOptions<DutyReportAttachmentOptions> options)
{
    public async Task<Contracts.Assessment.V1.RosterEntry> HandleAsync(SubmitDutyReportRequest request, CancellationToken cancellationToken)
    {
        access.Caller.RequireAnyRole(PlatformRoles.UnitLiaison, PlatformRoles.Leader);
        var limits = options.Value;
        var validator = new RequestValidator();
        var entryId = validator.Id("entry_id", request.EntryId);
        var text = validator.Required("text", request.Text, 50_000);
        if (text.Length > 0 && RequestValidator.TextProblem(text) is { } textProblem)
        {
            validator.Add("text", textProblem);
        }
        var form = validator.Required("form", request.Form, 50);
        validator.Count("attachments", request.Attachments.Count, limits.MaxPerReport);
        var checkedFiles = new List<(string Name, string ContentType, ReadOnlyMemory<byte> Content)>();
        for (var i = 0; i < request.Attachments.Count; i++)
        {
            var file = request.Attachments[i];
            if (UploadCheck.Check(validator, $"attachments[{i}].", file.FileName, file.Content.Span, limits.AllowedExtensions, limits.MaxBytes) is { } contentType)
            {
                checkedFiles.Add((UploadCheck.FileNameOf(file.FileName), contentType, file.Content.Memory));
            }
        }
        var total = request.Attachments.Sum(a => (long)a.Content.Length);
        TotalWithin(validator, limits, total, request.Attachments.Count, kept: (0, 0));
        validator.ThrowIfInvalid();

        var entry = await loader.VisibleEntryAsync(entryId, cancellationToken);
        if (!access.Caller.BelongsTo(entry.UnitId))
        {
            throw new NotFoundException($"Roster entry {entryId} does not exist.");
        }
        var campaign = await loader.CampaignAsync(entry.CampaignId, cancellationToken);
        await RequireBegunAsync(campaign, entry, cancellationToken);
        if (!campaign.Forms.Contains(form))
        {
            throw new ValidationException("form", $"'{form}' is not a form of this campaign; use one of {string.Join("、", campaign.Forms)}");
        }
        // The limits hold over everything the report keeps: the files of a report sent back stay with it.
        var kept = await db.DutyReportAttachments.Where(a => a.EntryId == entry.Id).Select(a => a.Size).ToListAsync(cancellationToken);
        if (kept.Count > 0)
        {
            TotalWithin(validator, limits, total, request.Attachments.Count, (kept.Count, kept.Sum()));
            validator.ThrowIfInvalid();
        }
        var stamp = access.Now();
        entry.Submit(form, text, campaign.PublicEvaluationForms.Contains(form), stamp.At);
        foreach (var (name, contentType, content) in checkedFiles)
        {
            var stored = await files.SaveAsync(content, cancellationToken);
            db.DutyReportAttachments.Add(Domain.DutyReportAttachment.Create(entry.Id, name, contentType, stored.Sha256, stored.Size));
        }
        await db.SaveChangesAsync(cancellationToken);
        return await loader.ToProtoAsync(entry, cancellationToken);
    }

    /// <summary>
    /// A report is on a year that has begun, by someone who is in the unit: a campaign of next year takes no reports yet,
    /// and a person whose transfer into the unit takes effect later is not yet the unit's to report for.
    /// </summary>
    private async Task RequireBegunAsync(DutyCampaign campaign, Domain.RosterEntry entry, CancellationToken cancellationToken)
    {
        var today = access.Today();
        if (campaign.Year > today.Year)
        {
            throw new PreconditionFailedException(
                $"The campaign is of {campaign.Year}, a year not begun; its duty reports are submitted from {new DateOnly(campaign.Year, 1, 1).ToChinese()} on.");
        }
        var histories = await PersonLoader.HistoriesAsync(db, [entry.PersonId], cancellationToken);
        if (histories.TryGetValue(entry.PersonId, out var history)
            && history.Where(c => c.UnitId == entry.UnitId).Select(c => (DateOnly?)c.Date).Min() is { } joins && joins > today)
        {
            throw new PreconditionFailedException(
                $"{entry.PersonName} serves in the unit from {joins.ToChinese()}; the unit submits their duty report once they do.");
        }
    }

    /// <summary>The files sent with the files the report keeps from before: at most the per-report count and bytes together.</summary>
    private static void TotalWithin(RequestValidator validator, DutyReportAttachmentOptions limits, long adding, int count, (int Count, long Bytes) kept)
    {
        var keptText = kept.Count > 0 ? $" with the {kept.Count} file(s) the report keeps ({kept.Bytes} bytes)" : string.Empty;
        var keptChinese = kept.Count > 0 ? $"（含已提交的 {kept.Count} 个附件 {kept.Bytes} 字节）" : string.Empty;
        if (kept.Count > 0 && kept.Count + count > limits.MaxPerReport)
        {
            validator.Add("attachments", $"would make {kept.Count + count} files{keptText}; at most {limits.MaxPerReport} files are kept per report",
                "TOO_MANY_FILES", $"附件共 {kept.Count + count} 个{keptChinese}，每份述法报告最多 {limits.MaxPerReport} 个附件。");
        }
        var together = kept.Bytes + adding;
        if (kept.Count + count > 1 && together > limits.MaxBytes)
        {
            validator.Add("attachments", $"are {together} bytes together{keptText}; at most {limits.MaxBytes} bytes are accepted per report",
                "FILES_TOO_LARGE", $"附件合计 {together} 字节{keptChinese}，每份述法报告的附件合计不超过 {limits.MaxBytes} 字节。");
        }
    }
}
