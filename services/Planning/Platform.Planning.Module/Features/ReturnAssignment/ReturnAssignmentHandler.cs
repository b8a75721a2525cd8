using Platform.Planning.Module.Features.Assignments;
using Platform.Planning.Module.Features.Figures;

namespace Platform.Planning.Module.Features.ReturnAssignment;

/// <summary>A unit's return (退回) of its assignment, with the reason.</summary>
public sealed class ReturnAssignmentHandler(PlanningDbContext db, PlanningAccess access, AssignmentLoader assignments, TargetFigures figures)
{
    public async Task<Contracts.Planning.V1.Assignment> HandleAsync(ReturnAssignmentRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var reason = validator.Required("reason", request.Reason, 1000);
        validator.Id("assignment_id", request.AssignmentId);
        validator.ThrowIfInvalid();
        var assignment = await assignments.LoadForUnitAsync("assignment_id", request.AssignmentId, cancellationToken);
        var stamp = access.Now();
        assignment.Return(reason, stamp);
        await db.SaveChangesAsync(cancellationToken);
        // The task now counts one unit fewer towards its targets.
        await figures.ForgetAsync(assignment.PlanId, cancellationToken);
        return assignment.ToProto();
    }
}
