using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Kernel.Time;
using Platform.Contracts.Planning.V1;
using Platform.Planning.Module.Infrastructure;
using Domain = Platform.Planning.Module.Domain;

namespace Platform.Planning.Module.Features.Federation;

/// <summary>
/// Tasks cascaded from the parent node (上级交办, ADR 0018): the office sees them, takes them on as tasks of
/// its own, and acknowledges a revision from above. A unit's people see only their assignments.
/// </summary>
public sealed class ReceivedTasksHandler(PlanningDbContext db, PlanningAccess access, TimeProvider clock)
{
    private static readonly string[] Statuses = ["received", "accepted", "revised"];

    public async Task<ListReceivedTasksResponse> ListAsync(ListReceivedTasksRequest request, CancellationToken cancellationToken)
    {
        RequireOfficeReader();
        var validator = new RequestValidator();
        var status = validator.OptionalOneOf("status", request.Status, Statuses);
        validator.ThrowIfInvalid();
        var query = db.ReceivedTasks.AsNoTracking();
        query = status switch
        {
            "received" => query.Where(r => r.Status == Domain.ReceivedTaskStatus.Received),
            "accepted" => query.Where(r => r.Status == Domain.ReceivedTaskStatus.Accepted && r.Revision == r.AcknowledgedRevision),
            "revised" => query.Where(r => r.Status == Domain.ReceivedTaskStatus.Accepted && r.Revision > r.AcknowledgedRevision),
            _ => query,
        };
        var response = new ListReceivedTasksResponse();
        response.Tasks.AddRange((await query.ToListAsync(cancellationToken))
            .OrderByDescending(r => r.RevisedAt).ThenBy(r => r.TaskNumber).Select(ToProto));
        return response;
    }

    /// <summary>The received task becomes the one task of a local issued plan, titled as the parent's plan.</summary>
    public async Task<ReceivedTask> AcceptAsync(AcceptReceivedTaskRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var received = await LoadAsync(request.ReceivedTaskId, cancellationToken);
        var stamp = access.Now();
        var plan = Domain.Plan.Create(received.PlanTitle, received.Deadline?.Year ?? clock.TodayInChina().Year, stamp);
        var task = plan.AddTask(null, new Domain.TaskDraft(received.Title, received.Deadline, null, null, [], [], [], []), received.TaskNumber);
        plan.Issue(stamp);
        received.Accept(plan, task, stamp);
        db.Plans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        return ToProto(received);
    }

    /// <summary>
    /// Takes on the latest revision: the local task is revised like any issued task (kept in its history, and
    /// sent on to the children it was cascaded to); assignments and reports are not touched.
    /// </summary>
    public async Task<ReceivedTask> AcknowledgeAsync(AcknowledgeReceivedTaskRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var received = await LoadAsync(request.ReceivedTaskId, cancellationToken);
        var stamp = access.Now();
        received.Acknowledge(stamp);
        var task = await db.Tasks.SingleAsync(t => t.Id == received.LocalTaskId, cancellationToken);
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == task.PlanId, cancellationToken);
        db.TaskRevisions.Add(task.Revise(received.Title, received.Deadline, $"上级修订（第 {received.Revision} 版）", stamp));
        await CascadeEvents.ResendRevisionAsync(db, plan, task, stamp, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return ToProto(received);
    }

    /// <summary>What came from above is the office's business: observers and operators may read it, units may not.</summary>
    private void RequireOfficeReader()
    {
        access.RequireReader();
        if (!access.SeesAllUnits)
        {
            throw new PermissionDeniedException("A unit sees its own assignments only, not the tasks received from above.");
        }
    }

    private async Task<Domain.ReceivedTask> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var receivedId = validator.Id("received_task_id", id);
        validator.ThrowIfInvalid();
        return await db.ReceivedTasks.SingleOrDefaultAsync(r => r.Id == receivedId, cancellationToken)
            ?? throw new NotFoundException($"Received task {receivedId} does not exist on this node.");
    }

    private static ReceivedTask ToProto(Domain.ReceivedTask r) => new()
    {
        Id = r.Id.ToString(),
        SenderNodeId = r.SenderNodeId,
        OriginPlanId = r.OriginPlanId.ToString(),
        OriginTaskId = r.OriginTaskId.ToString(),
        PlanTitle = r.PlanTitle,
        TaskNumber = r.TaskNumber,
        Title = r.Title,
        Deadline = r.Deadline.ToWire(),
        Revision = r.Revision,
        AcknowledgedRevision = r.AcknowledgedRevision,
        ReportsRequested = r.ReportsRequested,
        Status = r.Status == Domain.ReceivedTaskStatus.Received ? "received" : r.RevisionPending ? "revised" : "accepted",
        ReceivedAt = r.ReceivedAt.ToWire(),
        LocalPlanId = r.LocalPlanId?.ToString() ?? string.Empty,
        LocalTaskId = r.LocalTaskId?.ToString() ?? string.Empty,
    };
}
