using Platform.Assessment.Module.Features.People;
using Platform.BuildingBlocks.Kernel.Time;

namespace Platform.Assessment.Module.Features.ChangePerson;

/// <summary>A change of post in the same unit, a transfer (调任) to another unit, or leaving (离任); each kept in the history.</summary>
public sealed class ChangePersonHandler(AssessmentDbContext db, AssessmentAccess access, PersonLoader loader)
{
    private static readonly IReadOnlyDictionary<string, PersonChangeKind> Changes = new Dictionary<string, PersonChangeKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["update"] = PersonChangeKind.Updated,
        ["transfer"] = PersonChangeKind.Transferred,
        ["leave"] = PersonChangeKind.Left,
    };

    public async Task<Contracts.Assessment.V1.Person> HandleAsync(ChangePersonRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var personId = validator.Id("person_id", request.PersonId);
        var change = validator.OneOf("change", request.Change, Changes);
        var date = PersonFieldRules.OptionalDate(validator, "date", request.Date);
        Guid? unitId = change == PersonChangeKind.Transferred ? validator.Id("unit_id", request.UnitId) : null;
        if (change != PersonChangeKind.Transferred && !string.IsNullOrEmpty(request.UnitId))
        {
            validator.Add("unit_id", "is only for change \"transfer\"");
        }
        var position = string.IsNullOrWhiteSpace(request.Position) ? null : PersonFieldRules.Position(validator, "position", request.Position);
        PostKind? postKind = string.IsNullOrWhiteSpace(request.PostKind) ? null : validator.OneOf("post_kind", request.PostKind, PersonFieldRules.WirePostKinds);
        var rank = string.IsNullOrWhiteSpace(request.Rank) ? null : PersonFieldRules.Rank(validator, "rank", request.Rank);
        var termEnd = PersonFieldRules.OptionalDate(validator, "term_end", request.TermEnd);
        var note = validator.Optional("note", request.Note, 1000) ?? string.Empty;
        if (note.Length > 0 && RequestValidator.TextProblem(note) is { } noteProblem)
        {
            validator.Add("note", noteProblem);
        }
        var stamp = access.Now();
        AssessmentDates.Announced(validator, "date", date, stamp.At.DateInChina());
        validator.ThrowIfInvalid();

        var (person, history) = await loader.LoadVisibleAsync(personId, cancellationToken);
        var effective = date ?? stamp.At.DateInChina();
        PersonTimeline.RequireInOrder(history, effective);
        var post = new PostHeld(position ?? person.Position, postKind ?? person.PostKind, rank ?? person.Rank, termEnd ?? person.TermEnd);
        Domain.PersonChange recorded;
        switch (change)
        {
            case PersonChangeKind.Transferred:
                await loader.RequireUnitAsync(unitId!.Value, "unit_id", cancellationToken);
                // A new unit is a new term: an end given for the old one does not carry over.
                recorded = person.Transfer(unitId.Value, post with { TermEnd = termEnd }, effective, note, stamp);
                break;
            case PersonChangeKind.Left:
                recorded = person.Leave(effective, note, stamp);
                break;
            default:
                recorded = person.Update(post, effective, note, stamp)
                    ?? throw new ValidationException("change", "changes nothing: give a new position, post_kind, rank or term_end");
                break;
        }
        db.PersonChanges.Add(recorded);
        await db.SaveChangesAsync(cancellationToken);
        return person.ToProto([.. history, recorded], stamp.At.DateInChina());
    }
}
