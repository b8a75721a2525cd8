using Platform.Assessment.Module.Features.Indicators;
using Platform.Assessment.Module.Features.Scores;
using Platform.BuildingBlocks.Auth;

namespace Platform.Assessment.Module.Features.RankUnits;

/// <summary>
/// Every unit's result for a year, ranked within its level and kind, ties explicit. The office and the
/// organisation department's observers read it; a unit sees its own score (GetUnitScore), not the others'.
/// </summary>
public sealed class RankUnitsHandler(AssessmentAccess access, ScoreLoader loader)
{
    public async Task<RankUnitsResponse> HandleAsync(RankUnitsRequest request, CancellationToken cancellationToken)
    {
        access.Caller.RequireAnyRole(PlatformRoles.OfficeStaff, PlatformRoles.Observer);
        var validator = new RequestValidator();
        IndicatorYears.Check(validator, request.Year);
        var level = validator.OptionalOneOf("level", request.Level, [.. UnitLevels.All]);
        var kind = validator.OptionalOneOf("kind", request.Kind, [.. UnitKinds.All]);
        validator.ThrowIfInvalid();
        var system = await loader.SystemAsync(request.Year, cancellationToken);
        var totals = await loader.TotalsAsync(system, level, kind, cancellationToken);
        var response = new RankUnitsResponse { Year = request.Year };
        response.Rankings.AddRange(Rankings.Rank(totals));
        return response;
    }
}
