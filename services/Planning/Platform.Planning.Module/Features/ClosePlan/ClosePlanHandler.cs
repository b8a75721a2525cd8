using Platform.Planning.Module.Features.Figures;
using Platform.Planning.Module.Features.Plans;

namespace Platform.Planning.Module.Features.ClosePlan;

/// <summary>Closing an issued plan.</summary>
public sealed class ClosePlanHandler(PlanningDbContext db, PlanningAccess access, PlanLoader plans, TargetFigures figures)
{
    public async Task<Contracts.Planning.V1.Plan> HandleAsync(ClosePlanRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var plan = await plans.LoadAsync(PlanLoader.ParseId("plan_id", request.PlanId), tracking: true, cancellationToken);
        plan.Close(access.Now());
        await db.SaveChangesAsync(cancellationToken);
        return plan.ToProto(figures: await figures.ViewAsync(plan, taskId: null, everyUnit: false, cancellationToken));
    }
}
