using Platform.BuildingBlocks.Kernel.Time;
using Platform.Planning.Module.Features.Assignments;
using Platform.Planning.Module.Features.Schedule;

namespace Platform.Planning.Module.Features.AcceptAssignment;

/// <summary>A unit's acceptance (签收) of its assignment.</summary>
public sealed class AcceptAssignmentHandler(PlanningDbContext db, PlanningAccess access, AssignmentLoader assignments)
{
    public async Task<Contracts.Planning.V1.Assignment> HandleAsync(AcceptAssignmentRequest request, CancellationToken cancellationToken)
    {
        var assignment = await assignments.LoadForUnitAsync("assignment_id", request.AssignmentId, cancellationToken);
        var stamp = access.Now();
        assignment.Accept(stamp);
        await db.SaveChangesAsync(cancellationToken);
        return assignment.ToProto();
    }
}
