using System.Globalization;
using Platform.BuildingBlocks.Kernel.Time;
using Platform.Assessment.Module.Features.Qualification;
using ExamResult = Platform.Contracts.Assessment.V1.ExamResult;

namespace Platform.Assessment.Module.Features.RecordExamResult;

/// <summary>The office records a person's result in a pre-appointment law test or an annual law exam.</summary>
public sealed class RecordExamResultHandler(AssessmentDbContext db, AssessmentAccess access)
{
    public const decimal DefaultPassMark = 60;

    public async Task<ExamResult> HandleAsync(RecordExamResultRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var personId = validator.Id("person_id", request.PersonId);
        var kind = validator.OneOf("kind", request.Kind, QualificationRules.ExamKinds);
        var takenOn = validator.Date("taken_on", request.TakenOn);
        var score = Mark(validator, "score", request.Score);
        var passMark = request.HasPassMark ? Mark(validator, "pass_mark", request.PassMark) : DefaultPassMark;
        if (request.HasPassMark && request.PassMark == 0)
        {
            // A pass mark of 0 passes every paper, a blank one included: no exam, no credential would mean nothing.
            validator.Add("pass_mark", "must be more than 0 (leave it out for the usual 60)");
        }
        var stamp = access.Now();
        if (validator.IsValid)
        {
            AssessmentDates.TookPlace(validator, "taken_on", takenOn, stamp.At.DateInChina());
        }
        validator.ThrowIfInvalid();
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => new { p.Name, p.LeftOn }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Person {personId} does not exist.");
        // As for training: an exam taken after the person left is no exam of the node's staff (one before the term starts is: 任前考试).
        if (person.LeftOn is { } left && left <= takenOn)
        {
            throw new PreconditionFailedException($"{person.Name} left on {left.ToChinese()}; taken_on {takenOn.ToChinese()} is after it, and an exam is recorded for serving staff only.");
        }
        var exam = Domain.ExamResult.Record(personId, kind, takenOn, score, passMark, stamp);
        db.ExamResults.Add(exam);
        await db.SaveChangesAsync(cancellationToken);
        return exam.ToProto();
    }

    private static decimal Mark(RequestValidator validator, string field, double raw)
    {
        var shown = raw.ToString(CultureInfo.InvariantCulture);
        if (double.IsNaN(raw) || raw < 0 || raw > 100)
        {
            validator.Add(field, $"must be between 0 and 100, got {shown}");
            return 0;
        }
        var value = (decimal)raw;
        if (decimal.Round(value, 1) != value)
        {
            validator.Add(field, $"may have one decimal at most, got {shown}");
        }
        return value;
    }
}
