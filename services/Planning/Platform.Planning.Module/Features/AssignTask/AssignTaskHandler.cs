using Platform.BuildingBlocks.Kernel.Time;
using Platform.Planning.Module.Features.Figures;
using Platform.Planning.Module.Features.Schedule;
using DomainAssignment = Platform.Planning.Module.Domain.Assignment;

namespace Platform.Planning.Module.Features.AssignTask;

/// <summary>Assignment (交办) of a task to units; the change and its events are saved in one transaction, the outbox publishes the events.</summary>
public sealed class AssignTaskHandler(PlanningDbContext db, PlanningAccess access, ITaskScheduler scheduler, TargetFigures figures, TimeProvider clock)
{
    private static readonly Dictionary<string, AssignmentRole> Roles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["lead"] = AssignmentRole.Lead,
        ["co"] = AssignmentRole.Co,
    };

    /// <summary>
    /// Assigns a task to one unit, to every member of a unit group, or (with neither) to the
    /// units and groups the task names: its lead units as lead, everyone else as co-units.
    /// </summary>
    public async Task<AssignTaskResponse> HandleAsync(AssignTaskRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var taskId = validator.Id("task_id", request.TaskId);
        Guid? unitId = string.IsNullOrWhiteSpace(request.UnitId) ? null : validator.Id("unit_id", request.UnitId);
        Guid? groupId = string.IsNullOrWhiteSpace(request.UnitGroupId) ? null : validator.Id("unit_group_id", request.UnitGroupId);
        var role = string.IsNullOrWhiteSpace(request.Role) ? AssignmentRole.Lead : validator.OneOf("role", request.Role, Roles);
        if (unitId is not null && groupId is not null)
        {
            validator.Add("unit_group_id", "give either unit_id or unit_group_id, not both");
        }
        validator.ThrowIfInvalid();

        // One connection for the call's six reads and its save, rather than one taken from the pool
        // and given back for each: under deadline-day load the SQLite pool's lock was the most
        // contended lock of the node (ADR 0026). The context closes it when the request ends.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var task = await db.Tasks.SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken)
            ?? throw new NotFoundException($"Task {taskId} does not exist on this node.");
        var targets = await ResolveTargetsAsync(task, unitId, groupId, role, cancellationToken);
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == task.PlanId, cancellationToken);
        if (plan.Status != PlanStatus.Issued)
        {
            throw new PreconditionFailedException($"The plan is {plan.Status.ToString().ToLowerInvariant()}; tasks are assigned once the plan is issued.");
        }

        var already = (await db.Assignments.Where(a => a.TaskId == taskId).Select(a => a.UnitId).ToListAsync(cancellationToken)).ToHashSet();
        var fresh = targets.Where(t => !already.Contains(t.Unit.Id)).ToList();
        if (fresh.Count == 0)
        {
            throw new AlreadyExistsException(targets.Count == 1
                ? $"Task {task.Number} is already assigned to {targets[0].Unit.Name}."
                : $"Task {task.Number} is already assigned to every unit named.");
        }

        var stamp = access.Now();
        var schedule = scheduler.ScheduleFor(task, clock.TodayInChina());
        var firstDue = schedule.FirstDue(clock.TodayInChina());
        var created = new List<DomainAssignment>();
        foreach (var (unit, unitRole) in fresh)
        {
            var assignment = DomainAssignment.AssignTo(plan, task, unit, unitRole, schedule.Deadline, firstDue, stamp);
            db.Assignments.Add(assignment);
            created.Add(assignment);
        }
        await db.SaveChangesAsync(cancellationToken);
        // The task now counts more units towards its targets.
        await figures.ForgetAsync(task.PlanId, cancellationToken);
        var response = new AssignTaskResponse();
        response.Assignments.AddRange(created.Select(a => a.ToProto()));
        return response;
    }

    private async Task<List<(Domain.Unit Unit, AssignmentRole Role)>> ResolveTargetsAsync(
        Domain.PlanTask task, Guid? unitId, Guid? groupId, AssignmentRole role, CancellationToken cancellationToken)
    {
        if (unitId is { } single)
        {
            var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == single, cancellationToken)
                ?? throw new ValidationException("unit_id", $"unit {single} is not a unit of this node");
            return [(unit, role)];
        }
        var groupIds = groupId is { } g ? [g] : task.UnitGroupIds;
        var groups = await db.UnitGroups.Where(x => groupIds.Contains(x.Id)).ToListAsync(cancellationToken);
        if (groupId is { } requested && groups.Count == 0)
        {
            throw new ValidationException("unit_group_id", $"unit group {requested} is not a group of this node");
        }
        var roles = new Dictionary<Guid, AssignmentRole>();
        if (groupId is null)
        {
            task.LeadUnitIds.ForEach(u => roles[u] = AssignmentRole.Lead);
            task.CoUnitIds.ForEach(u => roles.TryAdd(u, AssignmentRole.Co));
        }
        // A catch-all group's members are co-units unless the task names them as lead.
        foreach (var member in groups.SelectMany(x => x.UnitIds))
        {
            roles.TryAdd(member, groupId is null ? AssignmentRole.Co : role);
        }
        if (roles.Count == 0)
        {
            throw new ValidationException("unit_id", "the task names no units; give unit_id or unit_group_id");
        }
        var ids = roles.Keys.ToList();
        // Read only: 2,000 tracked units would be scanned by every DetectChanges of the save (and its audit).
        var units = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(cancellationToken);
        return units.OrderBy(u => roles[u.Id]).ThenBy(u => u.Name, StringComparer.Ordinal).Select(u => (u, roles[u.Id])).ToList();
    }
}
