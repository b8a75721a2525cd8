using Platform.Assessment.Module.Features.Indicators;
using Platform.Assessment.Module.Features.People;
using Platform.BuildingBlocks.Grpc;
using TrainingClass = Platform.Contracts.Assessment.V1.TrainingClass;

namespace Platform.Assessment.Module.Features.ListTrainingClasses;

/// <summary>
/// A year's training classes (培训班), newest first, a page at a time: the office and observers every class (or, with a
/// unit, those its people were on), a unit the classes its own people were on, with only their attendance.
/// </summary>
public sealed class ListTrainingClassesHandler(AssessmentDbContext db, AssessmentAccess access)
{
    public async Task<ListTrainingClassesResponse> HandleAsync(ListTrainingClassesRequest request, CancellationToken cancellationToken)
    {
        access.RequirePeopleReader();
        var validator = new RequestValidator();
        IndicatorYears.Check(validator, request.Year);
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        Guid? requested = request.UnitId.Length == 0 ? null : validator.Id("unit_id", request.UnitId);
        validator.ThrowIfInvalid();
        var unitId = access.VisibleUnitFilter(requested);
        var (from, to) = (new DateOnly(request.Year, 1, 1), new DateOnly(request.Year, 12, 31));
        var year = db.TrainingClasses.AsNoTracking().Where(t => t.StartsOn >= from && t.StartsOn <= to)
            .OrderByDescending(t => t.StartsOn).ThenByDescending(t => t.Id);
        var response = new ListTrainingClassesResponse();
        if (unitId is not { } unit)
        {
            var (classes, next) = await year.ToPageAsync(page, cancellationToken);
            response.NextPageToken = next;
            response.Classes.AddRange(classes.Select(t => ToProto(t, t.Attendance)));
            return response;
        }
        // A unit's people are those ListPeople lists under it today. Attendance is a small JSON array per class and an office
        // records tens of classes a year, so the year's classes are read and the unit's kept here, then paged.
        var people = (await PersonLoader.InUnitOn(db.People.AsNoTracking(), db, unit, access.Today()).Select(p => p.Id)
            .ToListAsync(cancellationToken)).ToHashSet();
        var attended = (await year.ToListAsync(cancellationToken))
            .Select(t => (Class: t, Attendance: t.Attendance.Where(a => people.Contains(a.PersonId)).ToList()))
            .Where(t => t.Attendance.Count > 0)
            .Skip(page.Offset).Take(page.Size + 1).ToList();
        response.NextPageToken = page.NextToken(attended.Count);
        response.Classes.AddRange(attended.Take(page.Size).Select(t => ToProto(t.Class, t.Attendance)));
        return response;
    }

    internal static TrainingClass ToProto(Domain.TrainingClass training, IEnumerable<Domain.TrainingAttendance> attendance)
    {
        var proto = new TrainingClass { Id = training.Id.ToString(), Title = training.Title, StartsOn = training.StartsOn.ToWire(), Hours = training.Hours };
        proto.Attendance.AddRange(attendance.Select(a => new Contracts.Assessment.V1.TrainingAttendance { PersonId = a.PersonId.ToString(), Attended = a.Attended }));
        return proto;
    }
}
