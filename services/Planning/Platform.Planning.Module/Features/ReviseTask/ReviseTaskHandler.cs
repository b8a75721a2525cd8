using Platform.Planning.Module.Features.Federation;
using Platform.Planning.Module.Features.Figures;

namespace Platform.Planning.Module.Features.ReviseTask;

/// <summary>Revising a task's title or deadline; an issued plan's change needs a reason, and every revision is kept.</summary>
public sealed class ReviseTaskHandler(PlanningDbContext db, PlanningAccess access, TargetFigures figures)
{
    public async Task<Contracts.Planning.V1.PlanTask> HandleAsync(ReviseTaskRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var taskId = validator.Id("task_id", request.TaskId);
        string? title = request.HasTitle ? validator.Name("title", request.Title, 4000) : null;
        DateOnly? deadline = request.HasDeadline ? validator.Date("deadline", request.Deadline) : null;
        if (!request.HasTitle && !request.HasDeadline)
        {
            validator.Add("title", "give a new title or a new deadline");
        }
        validator.ThrowIfInvalid();

        var task = await db.Tasks.Include(t => t.Targets).SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken)
            ?? throw new NotFoundException($"Task {taskId} does not exist on this node.");
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == task.PlanId, cancellationToken);
        if (plan.Status == PlanStatus.Closed)
        {
            throw new PreconditionFailedException("The plan is closed; its tasks can no longer change.");
        }
        var reason = request.Reason?.Trim() ?? string.Empty;
        if (plan.Status == PlanStatus.Issued && reason.Length == 0)
        {
            throw new ValidationException("reason", "must say why an issued plan's task changes");
        }
        var stamp = access.Now();
        db.TaskRevisions.Add(task.Revise(title, deadline, reason, stamp));
        // A cascaded task's revision follows it down as a new revision; the children acknowledge it.
        await CascadeEvents.ResendRevisionAsync(db, plan, task, stamp, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var withTask = await db.Plans.AsNoTracking().Include(p => p.Tasks.Where(t => t.Id == taskId)).ThenInclude(t => t.Targets)
            .SingleAsync(p => p.Id == task.PlanId, cancellationToken);
        return task.ToProto(figures: await figures.ViewAsync(withTask, taskId, everyUnit: false, cancellationToken));
    }
}
