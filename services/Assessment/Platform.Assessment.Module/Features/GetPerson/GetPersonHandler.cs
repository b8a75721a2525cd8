using Platform.Assessment.Module.Features.People;
using Person = Platform.Contracts.Assessment.V1.Person;

namespace Platform.Assessment.Module.Features.GetPerson;

/// <summary>A person with their whole history (appointment, changes, transfers, leave).</summary>
public sealed class GetPersonHandler(AssessmentAccess access, PersonLoader loader)
{
    public async Task<Person> HandleAsync(GetPersonRequest request, CancellationToken cancellationToken)
    {
        access.RequirePeopleReader();
        var validator = new RequestValidator();
        var personId = validator.Id("person_id", request.PersonId);
        validator.ThrowIfInvalid();
        var (person, history) = await loader.LoadVisibleAsync(personId, cancellationToken);
        return person.ToProto(history, access.Today());
    }
}
