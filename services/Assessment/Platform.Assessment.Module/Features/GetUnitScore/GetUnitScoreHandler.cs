using Platform.Assessment.Module.Features.Indicators;
using Platform.Assessment.Module.Features.Scores;
using Platform.BuildingBlocks.Auth;

namespace Platform.Assessment.Module.Features.GetUnitScore;

/// <summary>
/// A unit's score for a year with every derived point and its events, so the unit sees why it lost
/// it. The office and observers read any unit; a unit's liaison or leader their own. Finding texts
/// are confidential to the unit and the office: an observer sees their points without the text.
/// </summary>
public sealed class GetUnitScoreHandler(AssessmentAccess access, ScoreLoader loader)
{
    public async Task<UnitScore> HandleAsync(GetUnitScoreRequest request, CancellationToken cancellationToken)
    {
        access.RequirePeopleReader();
        var validator = new RequestValidator();
        IndicatorYears.Check(validator, request.Year);
        var unitId = validator.Id("unit_id", request.UnitId);
        if (unitId != Guid.Empty && !access.CanSee(unitId))
        {
            throw new PermissionDeniedException("A unit sees its own scores only.");
        }
        validator.ThrowIfInvalid();
        var system = await loader.SystemAsync(request.Year, cancellationToken);
        var unit = await loader.UnitAsync(unitId, cancellationToken);
        var showConfidential = access.Caller.IsInAnyRole(PlatformRoles.OfficeStaff) || access.Caller.BelongsTo(unitId);
        return await loader.ScoreAsync(system, unit, showConfidential, cancellationToken);
    }
}
