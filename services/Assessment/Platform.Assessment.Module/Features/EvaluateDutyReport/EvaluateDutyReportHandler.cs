using Platform.Assessment.Module.Features.DutyReports;

namespace Platform.Assessment.Module.Features.EvaluateDutyReport;

/// <summary>
/// The office's public evaluation (述评) of a submitted report whose form requires one (a report given at
/// a meeting or through new media); such a report is rated only after it. Given again, it replaces the earlier one.
/// </summary>
public sealed class EvaluateDutyReportHandler(AssessmentDbContext db, AssessmentAccess access, RosterLoader loader)
{
    public async Task<Contracts.Assessment.V1.RosterEntry> HandleAsync(EvaluateDutyReportRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var entryId = validator.Id("entry_id", request.EntryId);
        var evaluation = validator.Required("evaluation", request.Evaluation, 2000);
        if (evaluation.Length > 0 && RequestValidator.TextProblem(evaluation) is { } problem)
        {
            validator.Add("evaluation", problem);
        }
        validator.ThrowIfInvalid();

        var entry = await loader.VisibleEntryAsync(entryId, cancellationToken);
        entry.Evaluate(evaluation, access.Now());
        await db.SaveChangesAsync(cancellationToken);
        return await loader.ToProtoAsync(entry, cancellationToken);
    }
}
