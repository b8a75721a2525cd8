using Platform.Assessment.Module.Features.Indicators;
using Platform.Assessment.Module.Features.Qualification;
using Platform.Assessment.Module.Features.Scores;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Kernel.Time;

namespace Platform.Assessment.Module.Features.CheckStudyMinimums;

/// <summary>
/// Every unit's study sessions of a year against its minimum, pro rata as of a day. With remind,
/// each unit behind gets one reminder per expected count (assessment.study_behind.v1, which
/// notification turns into a message to the unit's liaison).
/// </summary>
public sealed class CheckStudyMinimumsHandler(AssessmentDbContext db, AssessmentAccess access, TimeProvider clock)
{
    public async Task<CheckStudyMinimumsResponse> HandleAsync(CheckStudyMinimumsRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        IndicatorYears.Check(validator, request.Year);
        var today = clock.TodayInChina();
        var asOf = request.AsOf.Length == 0 ? today : validator.Date("as_of", request.AsOf);
        if (asOf > today)
        {
            // A check as of a day ahead would count sessions not yet held as missing, and its reminders cannot be taken back.
            validator.Add("as_of", $"is {asOf.ToChinese()}, after today ({today.ToChinese()}); check the standing as of today or an earlier day");
        }
        validator.ThrowIfInvalid();

        var (from, to) = (new DateOnly(request.Year, 1, 1), new DateOnly(request.Year, 12, 31));
        var end = asOf < to ? asOf : to;
        var sessions = await db.StudySessions.AsNoTracking().Where(s => s.Date >= from && s.Date <= end)
            .GroupBy(s => new { s.UnitId, s.Kind }).Select(g => new { g.Key.UnitId, g.Key.Kind, Count = g.Count() }).ToListAsync(cancellationToken);
        var reminded = (await db.StudyReminders.AsNoTracking().Where(r => r.Year == request.Year).Select(r => new { r.UnitId, r.ExpectedByNow }).ToListAsync(cancellationToken))
            .Select(r => (r.UnitId, r.ExpectedByNow)).ToHashSet();
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Name).ToListAsync(cancellationToken);

        var response = new CheckStudyMinimumsResponse { Year = request.Year, AsOf = asOf.ToWire() };
        foreach (var unit in units)
        {
            var (required, counts) = QualificationRules.Minimum(unit);
            var held = sessions.Where(s => s.UnitId == unit.Id && (counts is null || s.Kind == counts)).Sum(s => s.Count);
            var expected = QualificationRules.ExpectedBy(required, request.Year, asOf);
            var standing = new StudyStanding
            {
                UnitId = unit.Id.ToString(), UnitName = unit.Name, Level = UnitLevels.Of(unit.RegionCode), Kind = unit.Kind,
                Required = required, Counts = counts?.Wire() ?? (required > 0 ? "any" : string.Empty), Held = held, ExpectedByNow = expected,
                Behind = held < expected,
            };
            if (request.Remind && standing.Behind && reminded.Add((unit.Id, expected)))
            {
                db.StudyReminders.Add(StudyReminder.Send(unit, request.Year, required, held, expected, asOf, access.Now()));
                standing.Reminded = true;
            }
            response.Units.Add(standing);
        }
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }
}
