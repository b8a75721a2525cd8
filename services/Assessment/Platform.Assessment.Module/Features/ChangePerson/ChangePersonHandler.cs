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
        AssessmentDates.Announced(validator, "date", date, stamp.At.DateInChina(), AssessmentDates.EarliestTerm);
        AssessmentDates.TermEnd(validator, "term_end", termEnd, stamp.At.DateInChina());
        validator.ThrowIfInvalid();

        var (person, history) = await loader.LoadVisibleAsync(personId, cancellationToken);
        var effective = date ?? stamp.At.DateInChina();
        // What the request gives, over the post held before the change (an end given for the old unit's term does not
        // carry over into a transfer's new term).
        PostHeld Post(PostHeld held) => new(position ?? held.Position, postKind ?? held.PostKind, rank ?? held.Rank,
            change == PersonChangeKind.Transferred ? termEnd : termEnd ?? held.TermEnd);
        if (change == PersonChangeKind.Transferred)
        {
            await loader.RequireUnitAsync(unitId!.Value, "unit_id", cancellationToken);
        }
        Domain.PersonChange recorded;
        if (history.Any(c => c.Date > effective))
        {
            // Dated before a later change (a list import dated today, a transfer recorded ahead): put in its place by date,
            // the later changes replayed on top of it.
            (recorded, var replayed) = person.InsertChange(history, change, effective, unitId, Post, note, stamp);
            db.PersonChanges.UpdateRange(replayed);
        }
        else
        {
            var post = Post(new PostHeld(person.Position, person.PostKind, person.Rank, person.TermEnd));
            recorded = change switch
            {
                PersonChangeKind.Transferred => person.Transfer(unitId!.Value, post, effective, note, stamp),
                PersonChangeKind.Left => person.Leave(effective, note, stamp),
                _ => person.Update(post, effective, note, stamp)
                    ?? throw new ValidationException("change", "changes nothing: give a new position, post_kind, rank or term_end"),
            };
        }
        db.PersonChanges.Add(recorded);
        await db.SaveChangesAsync(cancellationToken);
        history = PersonTimeline.InOrder([.. history, recorded]);
        return person.ToProto(history, stamp.At.DateInChina());
    }
}
