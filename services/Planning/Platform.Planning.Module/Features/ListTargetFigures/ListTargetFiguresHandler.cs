using Platform.Planning.Module.Features.Figures;

namespace Platform.Planning.Module.Features.ListTargetFigures;

/// <summary>Units' figures against targets, page by page; a unit reads its own only.</summary>
public sealed class ListTargetFiguresHandler(PlanningDbContext db, PlanningAccess access)
{
    public async Task<ListTargetFiguresResponse> HandleAsync(ListTargetFiguresRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        Guid? planId = string.IsNullOrEmpty(request.PlanId) ? null : validator.Id("plan_id", request.PlanId);
        Guid? taskId = string.IsNullOrEmpty(request.TaskId) ? null : validator.Id("task_id", request.TaskId);
        Guid? targetId = string.IsNullOrEmpty(request.TargetId) ? null : validator.Id("target_id", request.TargetId);
        Guid? unitId = string.IsNullOrEmpty(request.UnitId) ? null : validator.Id("unit_id", request.UnitId);
        if (string.IsNullOrEmpty(request.PlanId) && string.IsNullOrEmpty(request.TaskId))
        {
            validator.Add("plan_id", "give a plan_id or a task_id");
        }
        validator.ThrowIfInvalid();
        unitId = access.VisibleUnitFilter(unitId);

        var (rows, next) = await db.UnitFigures.AsNoTracking()
            .WhereIf(planId, p => f => f.PlanId == p)
            .WhereIf(taskId, t => f => f.TaskId == t)
            .WhereIf(targetId, t => f => f.TargetId == t)
            .WhereIf(unitId, u => f => f.UnitId == u)
            .OrderBy(f => f.TargetId).ThenBy(f => f.AssignmentId)
            .ToPageAsync(page, cancellationToken);
        var response = new ListTargetFiguresResponse { NextPageToken = next };
        response.Figures.AddRange(rows.Select(f => f.ToProto()));
        return response;
    }
}
