using DomainAssignment = Platform.Planning.Module.Domain.Assignment;

namespace Platform.Planning.Module.Features.Assignments;

/// <summary>The assignment a unit acts on (accept, return, report, ask for more time), shared by those handlers.</summary>
public sealed class AssignmentLoader(PlanningDbContext db, PlanningAccess access)
{
    /// <summary>Loads an assignment the caller acts on for their unit.</summary>
    internal async Task<DomainAssignment> LoadForUnitAsync(string field, string id, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var assignmentId = validator.Id(field, id);
        validator.ThrowIfInvalid();
        var assignment = await db.Assignments.SingleOrDefaultAsync(a => a.Id == assignmentId, cancellationToken);
        if (assignment is null || !access.CanSee(assignment.UnitId))
        {
            // Another unit's assignment reads exactly like a missing one.
            throw new NotFoundException($"Assignment {assignmentId} does not exist on this node.");
        }
        access.RequireActingFor(assignment.UnitId);
        return assignment;
    }
}
