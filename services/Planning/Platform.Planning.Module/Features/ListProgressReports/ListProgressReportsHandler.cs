using Platform.BuildingBlocks.Kernel.Time;
using Platform.Planning.Module.Features.Assignments;
using Platform.Planning.Module.Features.Figures;
using Platform.Planning.Module.Features.Schedule;

namespace Platform.Planning.Module.Features.ListProgressReports;

/// <summary>Progress reports by plan, task, unit and date; a unit sees its own only.</summary>
public sealed class ListProgressReportsHandler(PlanningDbContext db, PlanningAccess access)
{
    public async Task<ListProgressReportsResponse> HandleAsync(ListProgressReportsRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        var scope = AssignmentScope.Read(validator, request.PlanId, request.TaskId, request.UnitId);
        DateOnly? after = string.IsNullOrEmpty(request.ReportedAfter) ? null : validator.Date("reported_after", request.ReportedAfter);
        DateOnly? before = string.IsNullOrEmpty(request.ReportedBefore) ? null : validator.Date("reported_before", request.ReportedBefore);
        validator.ThrowIfInvalid();
        var unitId = access.VisibleUnitFilter(scope.UnitId);

        DateTimeOffset? from = after is { } a ? new DateTimeOffset(a.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset) : null;
        DateTimeOffset? until = before is { } b ? new DateTimeOffset(b.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset) : null;
        var (rows, next) = await db.Reports.AsNoTracking().Include(r => r.Attachments)
            .WhereIf(scope.PlanId, p => r => r.PlanId == p)
            .WhereIf(scope.TaskId, t => r => r.TaskId == t)
            .WhereIf(unitId, u => r => r.UnitId == u)
            .WhereIf(from, f => r => r.Reported.At >= f)
            .WhereIf(until, u => r => r.Reported.At < u)
            .OrderByDescending(r => r.Id)
            .ToPageAsync(page, cancellationToken);
        var response = new ListProgressReportsResponse { NextPageToken = next };
        response.Reports.AddRange(rows.Select(r => r.ToProto()));
        return response;
    }
}
