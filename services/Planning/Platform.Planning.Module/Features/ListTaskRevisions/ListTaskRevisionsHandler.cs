using Platform.Planning.Module.Features.Figures;
using Platform.Planning.Module.Features.Plans;

namespace Platform.Planning.Module.Features.ListTaskRevisions;

/// <summary>A task's revisions, oldest first.</summary>
public sealed class ListTaskRevisionsHandler(PlanningDbContext db, PlanningAccess access)
{
    public async Task<ListTaskRevisionsResponse> HandleAsync(ListTaskRevisionsRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var taskId = PlanLoader.ParseId("task_id", request.TaskId);
        if (!await db.Tasks.AnyAsync(t => t.Id == taskId, cancellationToken))
        {
            throw new NotFoundException($"Task {taskId} does not exist on this node.");
        }
        var revisions = await db.TaskRevisions.AsNoTracking().Where(r => r.TaskId == taskId).OrderBy(r => r.Revision).ToListAsync(cancellationToken);
        var response = new ListTaskRevisionsResponse();
        response.Revisions.AddRange(revisions.Select(r => new Contracts.Planning.V1.TaskRevision
        {
            Id = r.Id.ToString(),
            TaskId = r.TaskId.ToString(),
            Revision = r.Revision,
            Reason = r.Reason,
            ChangedBy = r.Changed.UserId,
            ChangedAt = BuildingBlocks.Grpc.WireFormat.ToWire(r.Changed.At),
            PreviousTitle = r.PreviousTitle,
            NewTitle = r.NewTitle,
            PreviousDeadline = r.PreviousDeadline.ToWire(),
            NewDeadline = r.NewDeadline.ToWire(),
        }));
        return response;
    }
}
