using Platform.BuildingBlocks.Kernel.Deadlines;
using Platform.BuildingBlocks.Kernel.Time;
using Platform.Planning.Module.Features.Assignments;

namespace Platform.Planning.Module.Features.DecideExtension;

/// <summary>The office's decision on an extension request; the original, requested and granted dates are kept.</summary>
public sealed class DecideExtensionHandler(PlanningDbContext db, PlanningAccess access, TimeProvider clock)
{
    public async Task<Contracts.Planning.V1.ExtensionRequest> HandleAsync(DecideExtensionRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var (id, note) = ExtensionRules.ReadDecision(request.ExtensionId, request.Approve, request.Note);

        var extension = await db.Extensions.SingleOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Extension request {id} does not exist on this node.");
        var assignment = await db.Assignments.SingleAsync(a => a.Id == extension.AssignmentId, cancellationToken);
        var stamp = access.Now();
        var granted = ExtensionRules.ReadGrant(request.GrantedDeadline, request.Approve, assignment.Deadline, clock.TodayInChina());
        extension.Decide(request.Approve, note, granted, assignment, stamp);
        await db.SaveChangesAsync(cancellationToken);
        return extension.ToProto();
    }
}
