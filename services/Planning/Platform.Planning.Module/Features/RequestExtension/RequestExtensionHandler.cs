using Platform.BuildingBlocks.Kernel.Deadlines;
using Platform.BuildingBlocks.Kernel.Time;
using Platform.Contracts.Events.Planning;
using Platform.Planning.Module.Features.Assignments;

namespace Platform.Planning.Module.Features.RequestExtension;

/// <summary>An extension request (延期申请), filed by the unit before its deadline.</summary>
public sealed class RequestExtensionHandler(PlanningDbContext db, PlanningAccess access, AssignmentLoader assignments, TimeProvider clock)
{
    public async Task<Contracts.Planning.V1.ExtensionRequest> HandleAsync(RequestExtensionRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Id("assignment_id", request.AssignmentId);
        var requested = validator.Date("requested_deadline", request.RequestedDeadline);
        var reason = validator.Required("reason", request.Reason, 2000);
        validator.ThrowIfInvalid();

        var assignment = await assignments.LoadForUnitAsync("assignment_id", request.AssignmentId, cancellationToken);
        if (await db.Extensions.AnyAsync(e => e.AssignmentId == assignment.Id && e.Status == ExtensionStatus.Pending, cancellationToken))
        {
            throw new AlreadyExistsException("This assignment already has an extension request waiting for a decision.");
        }
        var extension = Domain.ExtensionRequest.Request(assignment, requested, reason, clock.TodayInChina(), access.Now());
        db.Extensions.Add(extension);
        await db.SaveChangesAsync(cancellationToken);
        return extension.ToProto();
    }
}
