using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Kernel.Deadlines;
using Platform.BuildingBlocks.Kernel.Time;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Events.Planning;
using Platform.Contracts.Planning.V1;
using Platform.Planning.Module.Domain;
using Platform.Planning.Module.Features.Assignments;
using Platform.Planning.Module.Infrastructure;

namespace Platform.Planning.Module.Features.Extensions;

/// <summary>Extension requests (延期申请): filed by the unit before its deadline, decided by the office; both dates are kept.</summary>
public sealed class ExtensionsFeature(PlanningDbContext db, PlanningAccess access, AssignmentsFeature assignments, TimeProvider clock)
{
    public async Task<Contracts.Planning.V1.ExtensionRequest> RequestAsync(RequestExtensionRequest request, CancellationToken cancellationToken)
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

    public async Task<Contracts.Planning.V1.ExtensionRequest> DecideAsync(DecideExtensionRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var id = validator.Id("extension_id", request.ExtensionId);
        var note = validator.Optional("note", request.Note, 2000) ?? string.Empty;
        if (!request.Approve && note.Length == 0)
        {
            validator.Add("note", "must say why the request is refused");
        }
        validator.ThrowIfInvalid();

        var extension = await db.Extensions.SingleOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Extension request {id} does not exist on this node.");
        var assignment = await db.Assignments.SingleAsync(a => a.Id == extension.AssignmentId, cancellationToken);
        var previous = assignment.Deadline;
        var stamp = access.Now();
        extension.Decide(request.Approve, note, assignment, stamp);
        if (request.Approve)
        {
            db.AddIntegrationEvent(new ExtensionApproved(
                extension.Id, assignment.Id, assignment.PlanId, assignment.TaskId, assignment.UnitId, previous, assignment.Deadline,
                stamp.UserId, stamp.At, stamp.NodeId));
        }
        await db.SaveChangesAsync(cancellationToken);
        return extension.ToProto();
    }

    public async Task<ListExtensionsResponse> ListAsync(ListExtensionsRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        Guid? planId = string.IsNullOrEmpty(request.PlanId) ? null : validator.Id("plan_id", request.PlanId);
        Guid? unitId = string.IsNullOrEmpty(request.UnitId) ? null : validator.Id("unit_id", request.UnitId);
        ExtensionStatus? status = string.IsNullOrEmpty(request.Status) ? null : validator.OneOf("status", request.Status, ExtensionStatuses.ByWireName);
        validator.ThrowIfInvalid();
        unitId = access.VisibleUnitFilter(unitId);

        var (rows, next) = await db.Extensions.AsNoTracking()
            .WhereIf(planId, p => e => e.PlanId == p)
            .WhereIf(unitId, u => e => e.UnitId == u)
            .WhereIf(status, s => e => e.Status == s)
            .OrderByDescending(e => e.Id)
            .ToPageAsync(page, cancellationToken);
        var response = new ListExtensionsResponse { NextPageToken = next };
        response.Extensions.AddRange(rows.Select(e => e.ToProto()));
        return response;
    }
}
