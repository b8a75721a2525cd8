using Person = Platform.Assessment.Module.Domain.Person;
using PersonChange = Platform.Assessment.Module.Domain.PersonChange;

namespace Platform.Assessment.Module.Features.People;

/// <summary>
/// Loads a person for the caller: someone else's unit's person reads exactly like a missing one. "Their unit" is the
/// unit they belong to today (<see cref="PersonTimeline.UnitOn"/>): a transfer recorded ahead moves them only on its date.
/// </summary>
public sealed class PersonLoader(AssessmentDbContext db, AssessmentAccess access)
{
    public async Task<(Person Person, List<PersonChange> History)> LoadVisibleAsync(Guid personId, CancellationToken cancellationToken)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        var history = person is null ? [] : await HistoryAsync(personId, cancellationToken);
        if (person is null || !access.CanSee(PersonTimeline.UnitOn(history, access.Today())))
        {
            throw new NotFoundException($"Person {personId} does not exist.");
        }
        return (person, history);
    }

    /// <summary>Checks that a unit is one of the node's (as planning announced them); the error names <paramref name="field"/>.</summary>
    public async Task RequireUnitAsync(Guid unitId, string field, CancellationToken cancellationToken)
    {
        if (!await db.Units.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            throw new ValidationException(field, $"{unitId} is not a unit of this node (units are created in planning)");
        }
    }

    /// <summary>A person's history in the order the changes take effect.</summary>
    public async Task<List<PersonChange>> HistoryAsync(Guid personId, CancellationToken cancellationToken) =>
        PersonTimeline.InOrder(await db.PersonChanges.AsNoTracking().Where(c => c.PersonId == personId).ToListAsync(cancellationToken));

    /// <summary>The histories of several people (a page of a list, the attendees of a session), by person.</summary>
    public static async Task<Dictionary<Guid, List<PersonChange>>> HistoriesAsync(AssessmentDbContext db, IReadOnlyCollection<Guid> personIds, CancellationToken cancellationToken) =>
        (await db.PersonChanges.AsNoTracking().Where(c => personIds.Contains(c.PersonId)).ToListAsync(cancellationToken))
            .GroupBy(c => c.PersonId).ToDictionary(g => g.Key, g => PersonTimeline.InOrder(g));

    /// <summary>
    /// People who belong to <paramref name="unitId"/> on <paramref name="date"/>, in the store: the unit of their latest
    /// change dated on or before it, or, before their appointment takes effect, the unit it names (as <see cref="PersonTimeline.UnitOn"/>).
    /// </summary>
    public static IQueryable<Person> InUnitOn(IQueryable<Person> people, AssessmentDbContext db, Guid unitId, DateOnly date) =>
        people.Where(p => (db.PersonChanges.Where(c => c.PersonId == p.Id && c.Date <= date)
                               .OrderByDescending(c => c.Date).ThenByDescending(c => c.Recorded.At).Select(c => (Guid?)c.UnitId).FirstOrDefault()
                           ?? db.PersonChanges.Where(c => c.PersonId == p.Id)
                               .OrderBy(c => c.Date).ThenBy(c => c.Recorded.At).Select(c => (Guid?)c.UnitId).FirstOrDefault()) == unitId);
}
