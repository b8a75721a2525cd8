using Domain = Platform.Planning.Module.Domain;
using Wire = Platform.Contracts.Events.Planning;

namespace Platform.Planning.Module.Features.Federation;

/// <summary>The event a cascade sends, first and again for every later revision of the task.</summary>
internal static class CascadeEvents
{
    public static Wire.TaskCascaded For(Domain.Plan plan, Domain.PlanTask task, Domain.TaskCascade cascade, Audit by) => new(
        cascade.Id, plan.Id, plan.Title, task.Id, task.Number, task.Revision, task.Title, task.Deadline, cascade.ReportsRequested,
        cascade.ChildNodeIds, by.UserId, by.At, by.NodeId);

    /// <summary>A revised task goes down again, as a new revision, everywhere it was cascaded.</summary>
    public static async Task ResendRevisionAsync(PlanningDbContext db, Domain.Plan plan, Domain.PlanTask task, Audit by, CancellationToken cancellationToken)
    {
        foreach (var cascade in await db.Cascades.AsNoTracking().Where(c => c.TaskId == task.Id).ToListAsync(cancellationToken))
        {
            db.AddIntegrationEvent(For(plan, task, cascade, by));
        }
    }
}
