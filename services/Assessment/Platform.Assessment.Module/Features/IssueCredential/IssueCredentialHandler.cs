using Platform.Assessment.Module.Features.Qualification;
using Platform.BuildingBlocks.Kernel.Time;
using Credential = Platform.Contracts.Assessment.V1.Credential;

namespace Platform.Assessment.Module.Features.IssueCredential;

/// <summary>
/// The office issues an enforcement credential (执法证) to a person serving in a unit, only on a
/// passed law exam or test taken in the year before the issue day: no exam, no credential.
/// </summary>
public sealed class IssueCredentialHandler(AssessmentDbContext db, AssessmentAccess access)
{
    /// <summary>The longest a credential may be issued for; an expiry further out is a mistyped year.</summary>
    public const int MaxValidityYears = 10;

    public async Task<Credential> HandleAsync(IssueCredentialRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var personId = validator.Id("person_id", request.PersonId);
        var number = validator.Required("number", request.Number, 50);
        var issuedOn = validator.Date("issued_on", request.IssuedOn);
        var expiresOn = validator.Date("expires_on", request.ExpiresOn);
        var stamp = access.Now();
        if (validator.IsValid && expiresOn <= issuedOn)
        {
            validator.Add("expires_on", $"must be after issued_on ({request.IssuedOn}), got {request.ExpiresOn}");
        }
        else if (validator.IsValid && expiresOn > issuedOn.AddYears(MaxValidityYears))
        {
            validator.Add("expires_on", $"is {request.ExpiresOn}, more than {MaxValidityYears} years after issued_on ({request.IssuedOn})");
        }
        if (validator.IsValid)
        {
            AssessmentDates.TookPlace(validator, "issued_on", issuedOn, stamp.At.DateInChina());
        }
        validator.ThrowIfInvalid();

        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken)
            ?? throw new NotFoundException($"Person {personId} does not exist.");
        if (person.HasLeftBy(issuedOn))
        {
            throw new PreconditionFailedException($"{person.Name} left on {person.LeftOn!.Value.ToChinese()}; a credential is issued to serving staff only.");
        }
        var since = issuedOn.AddYears(-1);
        var exam = await db.ExamResults.AsNoTracking()
            .Where(e => e.PersonId == personId && e.TakenOn >= since && e.TakenOn <= issuedOn && e.Score >= e.PassMark)
            .OrderByDescending(e => e.TakenOn).FirstOrDefaultAsync(cancellationToken)
            ?? throw new PreconditionFailedException($"{person.Name} has no passed law exam between {since:yyyy-MM-dd} and {issuedOn:yyyy-MM-dd}; no exam, no credential.");
        if (await db.Credentials.AnyAsync(c => c.Number == number, cancellationToken))
        {
            throw new AlreadyExistsException($"Credential number {number} is already issued.");
        }
        var credential = Domain.Credential.Issue(person, number, issuedOn, expiresOn, exam, stamp);
        db.Credentials.Add(credential);
        await db.SaveChangesAsync(cancellationToken);
        return credential.ToProto(stamp.At.DateInChina());
    }
}
