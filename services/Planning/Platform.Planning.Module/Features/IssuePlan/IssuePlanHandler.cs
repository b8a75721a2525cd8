using Platform.Planning.Module.Features.Figures;
using Platform.Planning.Module.Features.Plans;

namespace Platform.Planning.Module.Features.IssuePlan;

/// <summary>Issuing a draft plan (印发).</summary>
public sealed class IssuePlanHandler(PlanningDbContext db, PlanningAccess access, PlanLoader plans, TargetFigures figures)
{
    public async Task<Contracts.Planning.V1.Plan> HandleAsync(IssuePlanRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var plan = await plans.LoadAsync(PlanLoader.ParseId("plan_id", request.PlanId), tracking: true, cancellationToken);
        plan.Issue(access.Now());
        await db.SaveChangesAsync(cancellationToken);
        return plan.ToProto(figures: await figures.ViewAsync(plan, taskId: null, everyUnit: false, cancellationToken));
    }
}
