using Platform.Assessment.Module.Features.People;

namespace Platform.Assessment.Module.Features.ListPeople;

/// <summary>People by unit and kind of post; a unit sees its own people only.</summary>
public sealed class ListPeopleHandler(AssessmentDbContext db, AssessmentAccess access)
{
    public async Task<ListPeopleResponse> HandleAsync(ListPeopleRequest request, CancellationToken cancellationToken)
    {
        access.RequirePeopleReader();
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        Guid? unitId = string.IsNullOrEmpty(request.UnitId) ? null : validator.Id("unit_id", request.UnitId);
        PostKind? postKind = string.IsNullOrEmpty(request.PostKind) ? null : validator.OneOf("post_kind", request.PostKind, PersonFieldRules.WirePostKinds);
        validator.ThrowIfInvalid();
        var visibleUnit = access.VisibleUnitFilter(unitId);
        var today = access.Today();

        // The unit a person is listed under is the one they belong to today: a transfer recorded ahead moves them on its date.
        var query = db.People.AsNoTracking().WhereIf(postKind, k => p => p.PostKind == k);
        if (visibleUnit is { } unit)
        {
            query = PersonLoader.InUnitOn(query, db, unit, today);
        }
        if (!request.IncludeLeft)
        {
            query = query.Where(p => p.LeftOn == null || p.LeftOn > today);
        }
        var (people, next) = await query.OrderBy(p => p.UnitId).ThenBy(p => p.Name).ThenBy(p => p.Id).ToPageAsync(page, cancellationToken);
        var histories = await PersonLoader.HistoriesAsync(db, [.. people.Select(p => p.Id)], cancellationToken);
        var response = new ListPeopleResponse { NextPageToken = next };
        response.People.AddRange(people.Select(p => p.ToProto(histories.GetValueOrDefault(p.Id) ?? [], today, withHistory: false)));
        return response;
    }
}
