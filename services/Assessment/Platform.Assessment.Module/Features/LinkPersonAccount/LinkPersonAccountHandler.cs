namespace Platform.Assessment.Module.Features.LinkPersonAccount;

/// <summary>The office links a person to the account (token subject) they sign in with; one serving person per account.</summary>
public sealed class LinkPersonAccountHandler(AssessmentDbContext db, AssessmentAccess access)
{
    public async Task<LinkPersonAccountResponse> HandleAsync(LinkPersonAccountRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var personId = validator.Id("person_id", request.PersonId);
        var userId = validator.Optional("user_id", request.UserId, 100);
        validator.ThrowIfInvalid();
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, cancellationToken)
            ?? throw new NotFoundException($"Person {personId} does not exist.");
        if (userId is not null && await db.People.AnyAsync(p => p.AccountUserId == userId && p.Id != personId && p.LeftOn == null, cancellationToken))
        {
            throw new ValidationException("user_id", $"{userId} is linked to another serving person already");
        }
        person.LinkAccount(userId);
        await db.SaveChangesAsync(cancellationToken);
        return new LinkPersonAccountResponse { PersonId = person.Id.ToString(), UserId = userId ?? string.Empty };
    }
}
