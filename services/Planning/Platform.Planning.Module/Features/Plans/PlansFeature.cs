using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Planning.V1;
using Platform.Planning.Module.Infrastructure;
using DomainPlan = Platform.Planning.Module.Domain.Plan;

namespace Platform.Planning.Module.Features.Plans;

/// <summary>Creating and reading plans.</summary>
public sealed class PlansFeature(PlanningDbContext db, AuditStamper audit)
{
    public const int MaxTasks = 1000;

    public async Task<Plan> CreateAsync(CreatePlanRequest request, CancellationToken cancellationToken)
    {
        audit.Caller.RequireAnyRole(PlatformRoles.OfficeStaff);
        var validator = new RequestValidator();
        var title = validator.Required("title", request.Title, 300);
        var year = validator.Range("year", request.Year, 2000, 2100);
        if (request.Tasks.Count > MaxTasks)
        {
            validator.Add("tasks", $"a plan holds at most {MaxTasks} tasks, got {request.Tasks.Count}");
        }
        var tasks = request.Tasks
            .Select((task, i) => (
                Title: validator.Required($"tasks[{i}].title", task.Title, 2000),
                Deadline: validator.Date($"tasks[{i}].deadline", task.Deadline)))
            .ToList();
        validator.ThrowIfInvalid();

        var plan = DomainPlan.Create(title, year, tasks, audit.Now());
        db.Plans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        return plan.ToProto();
    }

    public async Task<Plan> GetAsync(GetPlanRequest request, CancellationToken cancellationToken)
    {
        _ = audit.Caller;
        var validator = new RequestValidator();
        var id = validator.Id("plan_id", request.PlanId);
        validator.ThrowIfInvalid();

        var plan = await db.Plans.AsNoTracking()
            .Include(p => p.Tasks).ThenInclude(t => t.Assignments)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Plan {id} does not exist on this node.");
        return plan.ToProto();
    }
}
