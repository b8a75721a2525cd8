using DomainPlan = Platform.Planning.Module.Domain.Plan;

namespace Platform.Planning.Module.Features.Plans;

/// <summary>A plan with its chapters, tasks and targets, and the plan id check, shared by the plan handlers.</summary>
public sealed class PlanLoader(PlanningDbContext db)
{
    internal async Task<DomainPlan> LoadAsync(Guid id, bool tracking, CancellationToken cancellationToken)
    {
        var query = db.Plans.Include(p => p.Chapters).Include(p => p.Tasks).ThenInclude(t => t.Targets).AsSplitQuery();
        if (!tracking)
        {
            query = query.AsNoTracking();
        }
        return await query.SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Plan {id} does not exist on this node.");
    }

    internal static Guid ParseId(string field, string value)
    {
        var validator = new RequestValidator();
        var id = validator.Id(field, value);
        validator.ThrowIfInvalid();
        return id;
    }
}
