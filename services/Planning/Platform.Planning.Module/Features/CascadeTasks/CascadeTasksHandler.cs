using Platform.BuildingBlocks.Grpc;
using Platform.Planning.Module.Features.Federation;
using Platform.Planning.Module.Features.Plans;
using Domain = Platform.Planning.Module.Domain;
using Wire = Platform.Contracts.Events.Planning;
using TaskCascade = Platform.Contracts.Planning.V1.TaskCascade;

namespace Platform.Planning.Module.Features.CascadeTasks;

/// <summary>
/// Cascading (下发) an issued plan's tasks to child nodes (ADR 0018). The cascade row and its
/// <see cref="Wire.TaskCascaded"/> event commit with one save; the node's federation edge then puts the
/// task on each child's link under the event's id, so a redelivered event sends nothing twice.
/// </summary>
public sealed class CascadeTasksHandler(PlanningDbContext db, PlanningAccess access, PlanLoader plans)
{
    public async Task<CascadeTasksResponse> HandleAsync(CascadeTasksRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var planId = validator.Id("plan_id", request.PlanId);
        var taskIds = request.TaskIds.Select(id => validator.Id("task_ids", id)).ToHashSet();
        ChildNodeChecks.CheckFormat(validator, request.ChildNodeIds);
        validator.ThrowIfInvalid();

        var plan = await plans.LoadAsync(planId, tracking: false, cancellationToken);
        if (plan.Status != Domain.PlanStatus.Issued)
        {
            throw new PreconditionFailedException($"The plan is {plan.Status.ToString().ToLowerInvariant()}; only an issued plan's tasks are cascaded.");
        }
        var unknown = taskIds.Except(plan.Tasks.Select(t => t.Id)).ToList();
        if (unknown.Count > 0)
        {
            throw new ValidationException("task_ids", $"task {unknown[0]} is not a task of plan {plan.Id}");
        }
        var named = await ChildNodeChecks.RequireChildrenAsync(db, request.ChildNodeIds, "cascaded", cancellationToken);
        // Named none: every active child now, recorded by name, so a child enrolled later neither gets it nor reports on it.
        IReadOnlyList<string> children = named.Count > 0
            ? named
            : await db.ChildNodes.AsNoTracking().Where(c => c.State == "active").OrderBy(c => c.NodeId).Select(c => c.NodeId).ToListAsync(cancellationToken);
        var stamp = access.Now();
        var response = new CascadeTasksResponse();
        foreach (var task in plan.Tasks.Where(t => taskIds.Count == 0 || taskIds.Contains(t.Id)).OrderBy(t => t.Number))
        {
            var cascade = Domain.TaskCascade.Create(task, children, request.ReportsRequested, stamp);
            db.Cascades.Add(cascade);
            db.AddIntegrationEvent(CascadeEvents.For(plan, task, cascade, stamp));
            response.Cascades.Add(new TaskCascade
            {
                Id = cascade.Id.ToString(),
                TaskId = task.Id.ToString(),
                TaskNumber = task.Number,
                Revision = task.Revision,
                // The children the office named, as their links spell them; empty for every active child.
                ChildNodeIds = { named },
                ReportsRequested = cascade.ReportsRequested,
                CascadedBy = stamp.UserId,
                CascadedAt = stamp.At.ToWire(),
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }
}
