using Platform.Assessment.Module.Features.ListTrainingClasses;
using Platform.Assessment.Module.Features.Qualification;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Kernel.Time;
using Domain = Platform.Assessment.Module.Domain;
using TrainingClass = Platform.Contracts.Assessment.V1.TrainingClass;

namespace Platform.Assessment.Module.Features.RecordTrainingClass;

/// <summary>The office records a training class (培训班) with who attended and who did not.</summary>
public sealed class RecordTrainingClassHandler(AssessmentDbContext db, AssessmentAccess access)
{
    public async Task<TrainingClass> HandleAsync(RecordTrainingClassRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var title = validator.Name("title", request.Title, 300);
        var startsOn = validator.Date("starts_on", request.StartsOn);
        var hours = validator.Range("hours", request.Hours, 1, 500);
        var stamp = access.Now();
        if (validator.IsValid)
        {
            AssessmentDates.TookPlace(validator, "starts_on", startsOn, stamp.At.DateInChina());
        }
        if (request.Attendance.Count == 0)
        {
            validator.Add("attendance", "must list at least one person");
        }
        validator.Count("attendance", request.Attendance.Count, 2000);
        validator.ThrowIfInvalid();
        var people = await QualificationRules.PeopleAsync(db, validator, "attendance", [.. request.Attendance.Select(a => a.PersonId)], null, startsOn, cancellationToken);
        var attendance = people.Select((id, i) => new Domain.TrainingAttendance(id, request.Attendance[i].Attended)).ToList();

        var training = Domain.TrainingClass.Record(title, startsOn, hours, attendance, stamp);
        db.TrainingClasses.Add(training);
        await db.SaveChangesAsync(cancellationToken);
        return ListTrainingClassesHandler.ToProto(training, training.Attendance);
    }
}
