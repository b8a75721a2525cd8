using Platform.Planning.Module.Features.Schedule;

namespace Platform.Planning.Module.Features.ListPlans;

/// <summary>Plans by year and status.</summary>
public sealed class ListPlansHandler(PlanningDbContext db, PlanningAccess access)
{
    private static readonly Dictionary<string, PlanStatus> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["draft"] = PlanStatus.Draft,
        ["issued"] = PlanStatus.Issued,
        ["closed"] = PlanStatus.Closed,
    };

    public async Task<ListPlansResponse> HandleAsync(ListPlansRequest request, CancellationToken cancellationToken)
    {
        access.RequireReader();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        PlanStatus? status = string.IsNullOrEmpty(request.Status) ? null : validator.OneOf("status", request.Status, Statuses);
        if (request.Year != 0)
        {
            validator.Range("year", request.Year, 2000, 2100);
        }
        validator.ThrowIfInvalid();

        int? year = request.Year == 0 ? null : request.Year;
        var (plans, next) = await db.Plans.AsNoTracking()
            .WhereIf(year, y => p => p.Year == y)
            .WhereIf(status, s => p => p.Status == s)
            .OrderByDescending(p => p.Year).ThenBy(p => p.Id)
            .ToPageAsync(page, cancellationToken);
        var response = new ListPlansResponse { NextPageToken = next };
        response.Plans.AddRange(plans.Select(p => p.ToProto()));
        return response;
    }
}
