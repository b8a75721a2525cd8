using Platform.Assessment.Module.Features.People;
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

        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, cancellationToken)
            ?? throw new NotFoundException($"Person {personId} does not exist.");
        if (person.HasLeftBy(issuedOn))
        {
            throw new PreconditionFailedException($"{person.Name} left on {person.LeftOn!.Value.ToChinese()}; a credential is issued to serving staff only.");
        }
        // Serving on the issue day: appointed by then (a term starting later is not yet served), read from the history.
        var history = await PersonLoader.HistoriesAsync(db, [personId], cancellationToken);
        if (!history.TryGetValue(personId, out var changes) || !PersonTimeline.Serves(changes, issuedOn))
        {
            var starts = changes is { Count: > 0 } ? $" (the term starts on {changes[0].Date.ToChinese()})" : string.Empty;
            throw new PreconditionFailedException($"{person.Name} does not serve on issued_on {issuedOn.ToChinese()}{starts}; a credential is issued to serving staff only.");
        }
        var since = issuedOn.AddYears(-1);
        var exam = await db.ExamResults.AsNoTracking()
            .Where(e => e.PersonId == personId && e.TakenOn >= since && e.TakenOn <= issuedOn && e.Score >= e.PassMark)
            .OrderByDescending(e => e.TakenOn).FirstOrDefaultAsync(cancellationToken)
            ?? throw new PreconditionFailedException($"{person.Name} has no passed law exam (法律考试) taken between {since.ToChinese()} and issued_on {issuedOn.ToChinese()}; no exam, no credential (执法证).");
        var key = Domain.Credential.KeyOf(number);
        if (await db.Credentials.AsNoTracking().Where(c => c.NumberKey == key).Select(c => c.Number).FirstOrDefaultAsync(cancellationToken) is { } taken)
        {
            throw new AlreadyExistsException(taken == number
                ? $"Credential number {number} is already issued."
                : $"Credential number {number} is already issued as {taken} (numbers are compared trimmed, half-width and case folded).");
        }
        // One valid credential per person at a time: a second one would outlive a suspension or revocation of the first.
        var held = await db.Credentials.AsNoTracking().Where(c => c.PersonId == personId).ToListAsync(cancellationToken);
        if (held.FirstOrDefault(c => c.ValidWithin(issuedOn, expiresOn)) is { } valid)
        {
            throw new PreconditionFailedException(
                $"{person.Name} holds credential {valid.Number}, valid from {valid.IssuedOn.ToChinese()} until {valid.LastValidDay.ToChinese()}; " +
                "a person holds one valid credential at a time: revoke it, or issue the new one after it ends.");
        }
        var credential = Domain.Credential.Issue(person, number, issuedOn, expiresOn, exam, stamp);
        db.Credentials.Add(credential);
        // Saved with the person's version raised: of two credentials issued at once to one person (each passed the check
        // above before the other was saved), the store keeps the first and the second is Aborted.
        person.Claim();
        await db.SaveChangesAsync(cancellationToken);
        return credential.ToProto(stamp.At.DateInChina());
    }
}
