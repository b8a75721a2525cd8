using Platform.Planning.Module.Features.Assignments;
using Platform.Planning.Module.Features.Schedule;

namespace Platform.Planning.Module.Features.ListAssignments;

/// <summary>Assignments by plan, task, unit, status and deadline; a unit sees its own only.</summary>
public sealed class ListAssignmentsHandler(PlanningDbContext db, PlanningAccess access)
{
    private static readonly Dictionary<string, AssignmentStatus> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["assigned"] = AssignmentStatus.Assigned,
        ["accepted"] = AssignmentStatus.Accepted,
        ["returned"] = AssignmentStatus.Returned,
        ["done"] = AssignmentStatus.Done,
    };

    public async Task<ListAssignmentsResponse> HandleAsync(ListAssignmentsRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        var scope = AssignmentScope.Read(validator, request.PlanId, request.TaskId, request.UnitId);
        AssignmentStatus? status = string.IsNullOrEmpty(request.Status) ? null : validator.OneOf("status", request.Status, Statuses);
        DateOnly? dueBefore = string.IsNullOrEmpty(request.DueBefore) ? null : validator.Date("due_before", request.DueBefore);
        DateOnly? dueAfter = string.IsNullOrEmpty(request.DueAfter) ? null : validator.Date("due_after", request.DueAfter);
        validator.ThrowIfInvalid();
        var unitId = access.VisibleUnitFilter(scope.UnitId);

        var (rows, next) = await db.Assignments.AsNoTracking()
            .WhereIf(scope.PlanId, p => a => a.PlanId == p)
            .WhereIf(scope.TaskId, t => a => a.TaskId == t)
            .WhereIf(unitId, u => a => a.UnitId == u)
            .WhereIf(status, s => a => a.Status == s)
            .WhereIf(dueBefore, before => a => a.Deadline < before)
            .WhereIf(dueAfter, after => a => a.Deadline > after)
            .OrderBy(a => a.Deadline).ThenBy(a => a.Id)
            .ToPageAsync(page, cancellationToken);
        var response = new ListAssignmentsResponse { NextPageToken = next };
        response.Assignments.AddRange(rows.Select(a => a.ToProto()));
        return response;
    }
}
