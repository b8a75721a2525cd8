using Platform.Assessment.Module.Features.People;
using Platform.BuildingBlocks.Kernel.Time;

namespace Platform.Assessment.Module.Features.CreatePerson;

/// <summary>An appointment (任职): a person takes a post in a unit of the node.</summary>
public sealed class CreatePersonHandler(AssessmentDbContext db, AssessmentAccess access, PersonLoader loader)
{
    public async Task<Contracts.Assessment.V1.Person> HandleAsync(CreatePersonRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var unitId = validator.Id("unit_id", request.UnitId);
        var name = PersonFieldRules.Name(validator, "name", request.Name);
        var position = PersonFieldRules.Position(validator, "position", request.Position);
        var postKind = validator.OneOf("post_kind", request.PostKind, PersonFieldRules.WirePostKinds);
        var rank = PersonFieldRules.Rank(validator, "rank", request.Rank);
        var termStart = PersonFieldRules.OptionalDate(validator, "term_start", request.TermStart);
        var termEnd = PersonFieldRules.OptionalDate(validator, "term_end", request.TermEnd);
        var stamp = access.Now();
        AssessmentDates.Announced(validator, "term_start", termStart, stamp.At.DateInChina(), AssessmentDates.EarliestTerm);
        AssessmentDates.TermEnd(validator, "term_end", termEnd, stamp.At.DateInChina());
        validator.ThrowIfInvalid();
        await loader.RequireUnitAsync(unitId, "unit_id", cancellationToken);

        if (await db.People.AnyAsync(p => p.UnitId == unitId && p.Name == name && p.LeftOn == null, cancellationToken))
        {
            throw new AlreadyExistsException($"'{name}' already serves in this unit; record a change of post instead.");
        }
        var (person, change) = Domain.Person.Appoint(unitId, name, new PostHeld(position, postKind, rank, termEnd), termStart ?? stamp.At.DateInChina(), stamp);
        db.People.Add(person);
        db.PersonChanges.Add(change);
        await db.SaveChangesAsync(cancellationToken);
        return person.ToProto([change], stamp.At.DateInChina());
    }
}
