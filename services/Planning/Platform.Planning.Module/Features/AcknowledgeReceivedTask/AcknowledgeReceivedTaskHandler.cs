using Platform.Planning.Module.Features.Federation;
using ReceivedTask = Platform.Contracts.Planning.V1.ReceivedTask;

namespace Platform.Planning.Module.Features.AcknowledgeReceivedTask;

/// <summary>The office takes on a revision from above (ADR 0018).</summary>
public sealed class AcknowledgeReceivedTaskHandler(PlanningDbContext db, PlanningAccess access)
{
    /// <summary>
    /// Takes on the latest revision: the local task is revised like any issued task (kept in its history, and
    /// sent on to the children it was cascaded to); assignments and reports are not touched.
    /// </summary>
    public async Task<ReceivedTask> HandleAsync(AcknowledgeReceivedTaskRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var received = await ReceivedTaskRows.LoadAsync(db, request.ReceivedTaskId, cancellationToken);
        var stamp = access.Now();
        received.Acknowledge(stamp);
        var task = await db.Tasks.SingleAsync(t => t.Id == received.LocalTaskId, cancellationToken);
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == task.PlanId, cancellationToken);
        db.TaskRevisions.Add(task.Revise(received.Title, received.Deadline, $"上级修订（第 {received.Revision} 版）", stamp));
        await CascadeEvents.ResendRevisionAsync(db, plan, task, stamp, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return ReceivedTaskRows.ToProto(received);
    }
}
