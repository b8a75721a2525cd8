using System.Text.RegularExpressions;
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
public sealed partial class CascadeTasksHandler(PlanningDbContext db, PlanningAccess access, PlanLoader plans)
{
    public async Task<CascadeTasksResponse> HandleAsync(CascadeTasksRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var planId = validator.Id("plan_id", request.PlanId);
        var taskIds = request.TaskIds.Select(id => validator.Id("task_ids", id)).ToHashSet();
        foreach (var node in request.ChildNodeIds.Where(n => !NodeIdFormat().IsMatch(n ?? string.Empty)))
        {
            validator.Add("child_node_ids", $"'{node}' is not a node id (1-64 letters, digits, '-' or '_')");
        }
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
        await RequireChildrenAsync(request.ChildNodeIds, cancellationToken);
        var stamp = access.Now();
        var response = new CascadeTasksResponse();
        foreach (var task in plan.Tasks.Where(t => taskIds.Count == 0 || taskIds.Contains(t.Id)).OrderBy(t => t.Number))
        {
            var cascade = Domain.TaskCascade.Create(task, request.ChildNodeIds, request.ReportsRequested, stamp);
            db.Cascades.Add(cascade);
            db.AddIntegrationEvent(CascadeEvents.For(plan, task, cascade, stamp));
            response.Cascades.Add(new TaskCascade
            {
                Id = cascade.Id.ToString(),
                TaskId = task.Id.ToString(),
                TaskNumber = task.Number,
                Revision = task.Revision,
                ChildNodeIds = { cascade.ChildNodeIds },
                ReportsRequested = cascade.ReportsRequested,
                CascadedBy = stamp.UserId,
                CascadedAt = stamp.At.ToWire(),
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }

    /// <summary>
    /// Up front, from the edge's list of child links kept here: a named node that is not a child is a bad field, a child
    /// whose link is revoked cannot take it, and with none named there must be an active child to send to. A pending
    /// child may be named: the task waits in its link's backlog until the link is approved.
    /// </summary>
    private async Task RequireChildrenAsync(IReadOnlyCollection<string> named, CancellationToken cancellationToken)
    {
        var children = await db.ChildNodes.AsNoTracking().ToDictionaryAsync(c => c.NodeId, cancellationToken);
        var validator = new RequestValidator();
        foreach (var node in named.Where(n => !children.ContainsKey(n)))
        {
            validator.Add("child_node_ids", $"'{node}' is not a child node of this node");
        }
        validator.ThrowIfInvalid();
        if (named.FirstOrDefault(n => children[n].Revoked) is { } revoked)
        {
            throw new PreconditionFailedException($"child_node_ids: the link to child node '{revoked}' is revoked; nothing can be cascaded to it.");
        }
        if (named.Count == 0 && !children.Values.Any(c => c.State == "active"))
        {
            throw new PreconditionFailedException("child_node_ids: this node has no active child node to cascade to.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex NodeIdFormat();
}
