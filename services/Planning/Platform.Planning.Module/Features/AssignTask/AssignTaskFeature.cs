using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Events.Planning;
using Platform.Contracts.Planning.V1;
using Platform.Planning.Module.Infrastructure;

namespace Platform.Planning.Module.Features.AssignTask;

/// <summary>
/// Hands a task to a unit (交办). The assignment and its TaskAssigned event are saved in one
/// transaction; the outbox publishes the event after the commit.
/// </summary>
public sealed class AssignTaskFeature(PlanningDbContext db, AuditStamper audit)
{
    public async Task<Assignment> AssignAsync(AssignTaskRequest request, CancellationToken cancellationToken)
    {
        audit.Caller.RequireAnyRole(PlatformRoles.OfficeStaff);
        var validator = new RequestValidator();
        var taskId = validator.Id("task_id", request.TaskId);
        var unitId = validator.Id("unit_id", request.UnitId);
        validator.ThrowIfInvalid();

        var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == unitId, cancellationToken)
            ?? throw new ValidationException("unit_id", $"unit {unitId} is not a unit of this node");
        var task = await db.Tasks.Include(t => t.Assignments).SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken)
            ?? throw new NotFoundException($"Task {taskId} does not exist on this node.");
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == task.PlanId, cancellationToken);

        var stamp = audit.Now();
        var assignment = task.AssignTo(unit, stamp);
        db.AddIntegrationEvent(new TaskAssigned(
            assignment.Id, plan.Id, plan.Title, task.Id, task.Number, task.Title, task.Deadline,
            unit.Id, unit.Name, stamp.UserId, stamp.At, stamp.NodeId));
        await db.SaveChangesAsync(cancellationToken);
        return assignment.ToProto();
    }
}
