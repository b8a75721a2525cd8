using Person = Platform.Assessment.Module.Domain.Person;
using PersonChange = Platform.Assessment.Module.Domain.PersonChange;

namespace Platform.Assessment.Module.Features.People;

/// <summary>Loads a person for the caller: someone else's unit's person reads exactly like a missing one.</summary>
public sealed class PersonLoader(AssessmentDbContext db, AssessmentAccess access)
{
    public async Task<Person> LoadVisibleAsync(Guid personId, CancellationToken cancellationToken)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null || !access.CanSee(person.UnitId))
        {
            throw new NotFoundException($"Person {personId} does not exist.");
        }
        return person;
    }

    /// <summary>Checks that a unit is one of the node's (as planning announced them); the error names <paramref name="field"/>.</summary>
    public async Task RequireUnitAsync(Guid unitId, string field, CancellationToken cancellationToken)
    {
        if (!await db.Units.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            throw new ValidationException(field, $"{unitId} is not a unit of this node (units are created in planning)");
        }
    }

    public Task<List<PersonChange>> HistoryAsync(Guid personId, CancellationToken cancellationToken) =>
        db.PersonChanges.AsNoTracking().Where(c => c.PersonId == personId).OrderBy(c => c.Recorded.At).ThenBy(c => c.Id).ToListAsync(cancellationToken);
}
