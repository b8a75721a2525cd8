using Platform.Assessment.Module.Features.Indicators;
using Platform.Assessment.Module.Features.Scores;
using Platform.BuildingBlocks.Auth;

namespace Platform.Assessment.Module.Features.FileAppeal;

/// <summary>
/// A unit (its liaison or leader) appeals the score of one leaf of its own year; one pending appeal per leaf, which the
/// store enforces (a unique index on the pending appeals): of two filed at once, the second is refused as AlreadyExists.
/// </summary>
public sealed class FileAppealHandler(AssessmentDbContext db, AssessmentAccess access, ScoreLoader loader)
{
    public async Task<Contracts.Assessment.V1.Appeal> HandleAsync(FileAppealRequest request, CancellationToken cancellationToken)
    {
        access.Caller.RequireAnyRole(PlatformRoles.UnitLiaison, PlatformRoles.Leader);
        var validator = new RequestValidator();
        IndicatorYears.Check(validator, request.Year);
        var unitId = validator.Id("unit_id", request.UnitId);
        if (unitId != Guid.Empty && !access.Caller.BelongsTo(unitId))
        {
            throw new PermissionDeniedException("A unit appeals its own scores only.");
        }
        var code = validator.Required("indicator_code", request.IndicatorCode, 20);
        var reason = validator.Name("reason", request.Reason, 2000);
        validator.ThrowIfInvalid();

        var system = await loader.SystemAsync(request.Year, cancellationToken);
        await loader.UnitAsync(unitId, cancellationToken);
        if (!system.Indicators.Any(n => n.Code == code && n.Scoring is not null))
        {
            throw new ValidationException("indicator_code", $"{code} is not a scored indicator (a leaf) of {request.Year}");
        }
        if (await db.Appeals.AnyAsync(a => a.Year == request.Year && a.UnitId == unitId && a.IndicatorCode == code && a.Status == AppealStatus.Pending, cancellationToken))
        {
            throw new AlreadyExistsException($"An appeal on {code} is pending; wait for the office's decision.");
        }
        var appeal = Domain.Appeal.File(request.Year, unitId, code, reason, access.Now());
        db.Appeals.Add(appeal);
        await db.SaveChangesAsync(cancellationToken);
        return AppealMapping.ToProto(appeal);
    }
}
