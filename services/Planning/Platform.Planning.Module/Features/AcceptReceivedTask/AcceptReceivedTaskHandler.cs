using Platform.BuildingBlocks.Kernel.Time;
using Platform.Planning.Module.Features.Federation;
using Domain = Platform.Planning.Module.Domain;
using ReceivedTask = Platform.Contracts.Planning.V1.ReceivedTask;

namespace Platform.Planning.Module.Features.AcceptReceivedTask;

/// <summary>The office takes a task from above on (ADR 0018).</summary>
public sealed class AcceptReceivedTaskHandler(PlanningDbContext db, PlanningAccess access, TimeProvider clock)
{
    /// <summary>The received task becomes the one task of a local issued plan, titled as the parent's plan.</summary>
    public async Task<ReceivedTask> HandleAsync(AcceptReceivedTaskRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var received = await ReceivedTaskRows.LoadAsync(db, request.ReceivedTaskId, cancellationToken);
        var stamp = access.Now();
        var plan = Domain.Plan.Create(received.PlanTitle, received.Deadline?.Year ?? clock.TodayInChina().Year, stamp);
        var task = plan.AddTask(null, new Domain.TaskDraft(received.Title, received.Deadline, null, null, [], [], [], []), received.TaskNumber);
        plan.Issue(stamp);
        received.Accept(plan, task, stamp);
        db.Plans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        return ReceivedTaskRows.ToProto(received);
    }
}
