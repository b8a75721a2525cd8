using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Files;
using Platform.BuildingBlocks.Kernel.Time;
using Platform.Planning.Module.Features.Assignments;
using Platform.Planning.Module.Features.Figures;
using Platform.Planning.Module.Features.Reports;
using Platform.Planning.Module.Features.Schedule;

namespace Platform.Planning.Module.Features.ReportProgress;

/// <summary>A progress report (进展报送), filed by the assigned unit; late reports are accepted and marked late, and the lead unit's final report closes the task.</summary>
public sealed class ReportProgressHandler(
    PlanningDbContext db,
    PlanningAccess access,
    AssignmentLoader assignments,
    ITaskScheduler scheduler,
    TargetFigures targetFigures,
    IFileStore files,
    IOptions<AttachmentOptions> attachmentOptions)
{
    public async Task<Contracts.Planning.V1.ProgressReport> HandleAsync(ReportProgressRequest request, CancellationToken cancellationToken)
    {
        var options = attachmentOptions.Value;
        var validator = new RequestValidator();
        validator.Id("assignment_id", request.AssignmentId);
        // The bound a node above also holds reports sent up to (ADR 0018).
        var text = validator.Required("text", request.Text, Platform.BuildingBlocks.Federation.RequestedReports.MaxTextLength);
        validator.Range("percent", request.Percent, 0, 100);
        var figures = request.Figures.Select((f, i) =>
        {
            var targetId = validator.Id($"figures[{i}].target_id", f.TargetId);
            if (double.IsNaN(f.Value) || double.IsInfinity(f.Value))
            {
                validator.Add($"figures[{i}].value", "must be a number");
            }
            return new Domain.TargetFigure(targetId, f.Value);
        }).ToList();
        for (var i = 0; i < figures.Count; i++)
        {
            if (figures[i].TargetId != Guid.Empty && figures.FindIndex(f => f.TargetId == figures[i].TargetId) < i)
            {
                validator.Add($"figures[{i}].target_id", "names a target that this report already gives a figure for");
            }
        }
        if (request.Attachments.Count > options.MaxPerReport)
        {
            validator.Add("attachments", $"at most {options.MaxPerReport} files per report, got {request.Attachments.Count}");
        }
        for (var i = 0; i < request.Attachments.Count; i++)
        {
            UploadCheck.Check(validator, $"attachments[{i}].", request.Attachments[i].FileName, request.Attachments[i].Content.Span,
                options.AllowedExtensions, options.MaxBytes);
        }
        validator.ThrowIfInvalid();

        var assignment = await assignments.LoadForUnitAsync("assignment_id", request.AssignmentId, cancellationToken);
        var task = await db.Tasks.Include(t => t.Targets).SingleAsync(t => t.Id == assignment.TaskId, cancellationToken);
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == assignment.PlanId, cancellationToken);
        plan.RequireOpenForAssignment();
        var targets = figures.Select((f, i) => task.TargetFor($"figures[{i}].target_id", f.TargetId)).ToList();

        var stamp = access.Now();
        var schedule = scheduler.ScheduleFor(task, assignment.Assigned.At.DateInChina());
        var (due, late) = assignment.RecordReport(stamp.At.DateInChina(), stamp.At, request.Final, schedule.NextAfter);
        var report = Domain.ProgressReport.File(assignment, task, text, request.Percent, figures, request.Final, due, late, stamp);
        foreach (var attachment in request.Attachments)
        {
            // Files are stored before the row that names them: a crash leaves an unreferenced file, never a dangling row.
            var stored = await files.SaveAsync(attachment.Content.Memory, cancellationToken);
            var name = UploadCheck.FileNameOf(attachment.FileName);
            report.Attach(name, UploadCheck.ContentTypeOf(name), stored.Size, stored.Sha256);
        }
        db.Reports.Add(report);
        await RecordFiguresAsync(assignment, targets, figures, report, stamp, cancellationToken);
        if (request.Final && assignment.Role == AssignmentRole.Lead)
        {
            task.Complete(assignment.UnitId);
        }
        await db.SaveChangesAsync(cancellationToken);
        if (figures.Count > 0)
        {
            await targetFigures.ForgetAsync(assignment.PlanId, cancellationToken);
        }
        return report.ToProto();
    }

    /// <summary>The unit's own standing against each target moves to this report's figure; other units' stay as they are.</summary>
    private async Task RecordFiguresAsync(
        Domain.Assignment assignment, List<Domain.QuantitativeTarget> targets, List<Domain.TargetFigure> figures, Domain.ProgressReport report, Audit stamp,
        CancellationToken cancellationToken)
    {
        if (figures.Count == 0)
        {
            return;
        }
        var targetIds = figures.Select(f => f.TargetId).ToList();
        var current = await db.UnitFigures.Where(f => f.AssignmentId == assignment.Id && targetIds.Contains(f.TargetId))
            .ToDictionaryAsync(f => f.TargetId, cancellationToken);
        for (var i = 0; i < figures.Count; i++)
        {
            if (current.TryGetValue(figures[i].TargetId, out var figure))
            {
                figure.Update(targets[i], figures[i].Value, report.Id, stamp);
            }
            else
            {
                db.UnitFigures.Add(UnitTargetFigure.First(assignment, targets[i], figures[i].Value, report.Id, stamp));
            }
        }
    }
}
