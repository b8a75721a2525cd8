using Platform.Planning.Module.Features.Figures;
using Platform.Planning.Module.Features.Plans;

namespace Platform.Planning.Module.Features.GetPlan;

/// <summary>Reading one plan, with its figures and, on request, its assignments.</summary>
public sealed class GetPlanHandler(PlanningDbContext db, PlanningAccess access, PlanLoader plans, TargetFigures figures)
{
    public const int MaxEmbeddedAssignments = 5000;

    public async Task<Contracts.Planning.V1.Plan> HandleAsync(GetPlanRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var validator = new RequestValidator();
        var id = validator.Id("plan_id", request.PlanId);
        validator.ThrowIfInvalid();
        var plan = await plans.LoadAsync(id, tracking: false, cancellationToken);
        if (!request.IncludeAssignments)
        {
            return plan.ToProto(figures: await figures.ViewAsync(plan, taskId: null, everyUnit: false, cancellationToken));
        }
        var visibleUnit = access.VisibleUnitFilter(null);
        var query = db.Assignments.AsNoTracking().Where(a => a.PlanId == id).WhereIf(visibleUnit, u => a => a.UnitId == u);
        if (await query.CountAsync(cancellationToken) > MaxEmbeddedAssignments)
        {
            throw new PreconditionFailedException(
                $"The plan has more than {MaxEmbeddedAssignments} assignments; page through them with ListAssignments (plan_id = {id}).");
        }
        // Every unit's figures ride along with every unit's assignments, under the same cap.
        var view = await figures.ViewAsync(plan, taskId: null, everyUnit: true, cancellationToken);
        return plan.ToProto(await query.ToListAsync(cancellationToken), view);
    }
}
