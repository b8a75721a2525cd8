using Platform.Assessment.Module.Features.Indicators;
using Platform.Assessment.Module.Features.Scores;

namespace Platform.Assessment.Module.Features.ListAppeals;

/// <summary>A year's appeals, oldest first: the office and observers every unit's, a unit its own.</summary>
public sealed class ListAppealsHandler(AssessmentDbContext db, AssessmentAccess access)
{
    private static readonly IReadOnlyDictionary<string, AppealStatus> Statuses = Enum.GetValues<AppealStatus>()
        .ToDictionary(s => s.ToString().ToLowerInvariant(), s => s, StringComparer.Ordinal);

    public async Task<ListAppealsResponse> HandleAsync(ListAppealsRequest request, CancellationToken cancellationToken)
    {
        access.RequirePeopleReader();
        var validator = new RequestValidator();
        IndicatorYears.Check(validator, request.Year);
        Guid? requested = request.UnitId.Length == 0 ? null : validator.Id("unit_id", request.UnitId);
        AppealStatus? status = request.Status.Length == 0 ? null : validator.OneOf("status", request.Status, Statuses);
        validator.ThrowIfInvalid();
        var unitId = access.VisibleUnitFilter(requested);

        var query = db.Appeals.AsNoTracking().Where(a => a.Year == request.Year);
        if (unitId is { } unit)
        {
            query = query.Where(a => a.UnitId == unit);
        }
        if (status is { } wanted)
        {
            query = query.Where(a => a.Status == wanted);
        }
        var appeals = await query.OrderBy(a => a.Id).Take(1000).ToListAsync(cancellationToken);
        var response = new ListAppealsResponse();
        response.Appeals.AddRange(appeals.Select(AppealMapping.ToProto));
        return response;
    }
}
