using Platform.BuildingBlocks.Grpc;
using Domain = Platform.Planning.Module.Domain;
using ReceivedTask = Platform.Contracts.Planning.V1.ReceivedTask;

namespace Platform.Planning.Module.Features.Federation;

/// <summary>A received task (上级交办, ADR 0018) by its id, and as the wire shows it; shared by the received-task use cases.</summary>
internal static class ReceivedTaskRows
{
    internal static async Task<Domain.ReceivedTask> LoadAsync(PlanningDbContext db, string id, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var receivedId = validator.Id("received_task_id", id);
        validator.ThrowIfInvalid();
        return await db.ReceivedTasks.SingleOrDefaultAsync(r => r.Id == receivedId, cancellationToken)
            ?? throw new NotFoundException($"Received task {receivedId} does not exist on this node.");
    }

    internal static ReceivedTask ToProto(Domain.ReceivedTask r) => new()
    {
        Id = r.Id.ToString(),
        SenderNodeId = r.SenderNodeId,
        OriginPlanId = r.OriginPlanId.ToString(),
        OriginTaskId = r.OriginTaskId.ToString(),
        PlanTitle = r.PlanTitle,
        TaskNumber = r.TaskNumber,
        Title = r.Title,
        Deadline = r.Deadline.ToWire(),
        Revision = r.Revision,
        AcknowledgedRevision = r.AcknowledgedRevision,
        ReportsRequested = r.ReportsRequested,
        Status = r.Status == Domain.ReceivedTaskStatus.Received ? "received" : r.RevisionPending ? "revised" : "accepted",
        ReceivedAt = r.ReceivedAt.ToWire(),
        LocalPlanId = r.LocalPlanId?.ToString() ?? string.Empty,
        LocalTaskId = r.LocalTaskId?.ToString() ?? string.Empty,
    };
}
