using Platform.BuildingBlocks.Kernel.Time;

namespace Platform.Assessment.Module.Domain;

public enum PersonChangeKind
{
    Appointed,
    Updated,
    Transferred,
    Left,
}

/// <summary>What a person holds: position, kind of post, rank and the end of the term.</summary>
public sealed record PostHeld(string Position, PostKind PostKind, string Rank, DateOnly? TermEnd);

/// <summary>
/// A leader or enforcement officer of a unit (人员). Personal data: never logged. Every change of
/// post or unit, and leaving, is kept as a <see cref="PersonChange"/>, so a roster of an earlier
/// year can be explained after people moved.
/// </summary>
public sealed class Person
{
    private Person()
    {
    }

    public Guid Id { get; private set; }

    public Guid UnitId { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string Position { get; private set; } = string.Empty;

    public PostKind PostKind { get; private set; }

    public string Rank { get; private set; } = string.Empty;

    public DateOnly TermStart { get; private set; }

    public DateOnly? TermEnd { get; private set; }

    /// <summary>
    /// The day the person leaves (left) the node's units, from which they no longer serve; null while no leaving is
    /// recorded. It may lie ahead (a leaving announced for a later day): <see cref="HasLeftBy"/> says whether it took effect.
    /// </summary>
    public DateOnly? LeftOn { get; private set; }

    /// <summary>Whether the person no longer serves on <paramref name="date"/>.</summary>
    public bool HasLeftBy(DateOnly date) => LeftOn is { } left && left <= date;

    /// <summary>The user id (token subject) the person signs in with, when the office linked one: they read their own dossier.</summary>
    public string? AccountUserId { get; private set; }

    public void LinkAccount(string? userId) => AccountUserId = userId;

    public Audit Created { get; private set; } = null!;

    public Audit? Updated { get; private set; }

    /// <summary>
    /// The concurrency token: every change of the person (a change of post, a transfer, leaving, a change put in its place
    /// in the history) and every credential issued to them raises it, so of two such writes made at once on one person the
    /// store keeps the first and the other is Aborted (two credentials issued at once cannot both be saved).
    /// </summary>
    public int Version { get; private set; }

    /// <summary>Something that hangs on the person as a whole was decided (a credential issued): raises <see cref="Version"/>.</summary>
    public void Claim() => Version++;

    public static (Person Person, PersonChange Change) Appoint(Guid unitId, string name, PostHeld post, DateOnly termStart, Audit stamp)
    {
        if (post.TermEnd is { } end && end < termStart)
        {
            throw new ValidationException("term_end", $"{end:yyyy-MM-dd} is before the term start {termStart:yyyy-MM-dd}");
        }
        var person = new Person
        {
            Id = Guid.CreateVersion7(),
            UnitId = unitId,
            Name = name,
            Position = post.Position,
            PostKind = post.PostKind,
            Rank = post.Rank,
            TermStart = termStart,
            TermEnd = post.TermEnd,
            Created = stamp,
        };
        return (person, person.Record(PersonChangeKind.Appointed, termStart, null, string.Empty, stamp));
    }

    /// <summary>A change of post in the same unit; null when nothing differs (a re-import of the same row).</summary>
    public PersonChange? Update(PostHeld post, DateOnly date, string note, Audit stamp)
    {
        RequireActive();
        if (post == new PostHeld(Position, PostKind, Rank, TermEnd))
        {
            return null;
        }
        if (post.TermEnd is { } end && end < TermStart)
        {
            throw new ValidationException("term_end", $"{end:yyyy-MM-dd} is before the term start {TermStart:yyyy-MM-dd}");
        }
        Hold(post, stamp);
        return Record(PersonChangeKind.Updated, date, null, note, stamp);
    }

    /// <summary>A transfer (调任) to another unit of the node: a new term starts on <paramref name="date"/>.</summary>
    public PersonChange Transfer(Guid unitId, PostHeld post, DateOnly date, string note, Audit stamp)
    {
        RequireActive();
        if (unitId == UnitId)
        {
            throw new ValidationException("unit_id", "is the person's current unit; use change \"update\" for a new post in the same unit");
        }
        if (date < TermStart)
        {
            throw new ValidationException("date", $"{date:yyyy-MM-dd} is before the current term started ({TermStart:yyyy-MM-dd})");
        }
        if (post.TermEnd is { } end && end < date)
        {
            throw new ValidationException("term_end", $"{end:yyyy-MM-dd} is before the transfer date {date:yyyy-MM-dd}");
        }
        var previous = UnitId;
        UnitId = unitId;
        TermStart = date;
        Hold(post, stamp);
        return Record(PersonChangeKind.Transferred, date, previous, note, stamp);
    }

    /// <summary>
    /// Leaving (离任) on <paramref name="date"/>, from which the person no longer serves: their term ends that day. They
    /// stay on file with their history but are on no later roster.
    /// </summary>
    public PersonChange Leave(DateOnly date, string note, Audit stamp)
    {
        RequireActive();
        if (date < TermStart)
        {
            throw new ValidationException("date", $"{date:yyyy-MM-dd} is before the current term started ({TermStart:yyyy-MM-dd})");
        }
        LeftOn = date;
        TermEnd = date;
        Updated = stamp;
        Version++;
        return Record(PersonChangeKind.Left, date, null, note, stamp);
    }

    /// <summary>
    /// A change dated before the latest change of the history (a post change recorded after a list import dated today, an
    /// update before a transfer or leaving recorded ahead): it takes its place by date, from the post held on
    /// <paramref name="date"/> (<paramref name="post"/> makes the new post from it), and every later change is replayed on
    /// top of it, each keeping what it changed itself (a later import of a rank keeps the position changed earlier; a later
    /// transfer leaves the unit this change moved to). Returns the new change and the later ones as replayed (to be saved).
    /// Leaving stays the last change; a replay that would contradict itself is refused with the field.
    /// </summary>
    public (PersonChange Change, List<PersonChange> Replayed) InsertChange(
        IReadOnlyList<PersonChange> history, PersonChangeKind kind, DateOnly date, Guid? unitId, Func<PostHeld, PostHeld> post, string note, Audit stamp)
    {
        var ordered = PersonTimeline.InOrder(history);
        var later = ordered.Where(c => c.Date > date).ToList();
        if (later.Count == 0)
        {
            throw new InvalidOperationException("A change dated on or after the latest is recorded by Update, Transfer or Leave.");
        }
        var basis = ordered.LastOrDefault(c => c.Date <= date)
            ?? throw new ValidationException("date", $"is {date.ToChinese()}, before the person's appointment took effect ({ordered[0].Date.ToChinese()})");
        if (basis.Kind == PersonChangeKind.Left)
        {
            throw new PreconditionFailedException($"The person's leaving on {basis.Date.ToChinese()} is recorded; appoint them again as a new person.");
        }
        if (kind == PersonChangeKind.Left)
        {
            throw new ValidationException("date",
                $"is {date.ToChinese()}, before the person's latest change, dated {later[^1].Date.ToChinese()}; leaving is a person's last change");
        }
        var original = ordered.ToDictionary(c => c.Id, c => (c.UnitId, Post: c.Post));
        var termStart = ordered.Last(c => c.Date <= date && c.Kind is PersonChangeKind.Appointed or PersonChangeKind.Transferred).Date;
        var held = basis.Post;
        var next = post(held);
        PersonChange inserted;
        if (kind == PersonChangeKind.Transferred)
        {
            if (unitId == basis.UnitId)
            {
                throw new ValidationException("unit_id", $"is the unit the person serves in on {date.ToChinese()}; use change \"update\" for a new post in the same unit");
            }
            if (next.TermEnd is { } end && end < date)
            {
                throw new ValidationException("term_end", $"{end.ToChinese()} is before the transfer date {date.ToChinese()}");
            }
            inserted = PersonChange.Create(Id, kind, date, unitId!.Value, basis.UnitId, next, note, stamp);
            termStart = date;
        }
        else
        {
            if (next == held)
            {
                throw new ValidationException("change", $"changes nothing of the post held on {date.ToChinese()}: give a new position, post_kind, rank or term_end");
            }
            if (next.TermEnd is { } end && end < termStart)
            {
                throw new ValidationException("term_end", $"{end.ToChinese()} is before the term start {termStart.ToChinese()}");
            }
            inserted = PersonChange.Create(Id, PersonChangeKind.Updated, date, basis.UnitId, null, next, note, stamp);
        }

        var (unit, current, before) = (inserted.UnitId, next, basis.Id);
        foreach (var change in later)
        {
            var (from, to) = (original[before].Post, original[change.Id].Post);
            before = change.Id;
            switch (change.Kind)
            {
                case PersonChangeKind.Transferred:
                    if (change.UnitId == unit)
                    {
                        throw new ValidationException(kind == PersonChangeKind.Transferred ? "unit_id" : "date",
                            $"the transfer dated {change.Date.ToChinese()} is to that unit; record the transfer on its own day");
                    }
                    change.Replay(change.UnitId, unit, Carry(from, to, current) with { TermEnd = to.TermEnd });
                    termStart = change.Date;
                    break;
                case PersonChangeKind.Left:
                    change.Replay(unit, null, current with { TermEnd = change.Date });
                    break;
                default:
                    var replayed = Carry(from, to, current);
                    if (replayed.TermEnd is { } end && end < termStart)
                    {
                        throw new ValidationException("date",
                            $"is {date.ToChinese()}: the change dated {change.Date.ToChinese()} ends the term on {end.ToChinese()}, before the term start {termStart.ToChinese()}");
                    }
                    change.Replay(unit, null, replayed);
                    break;
            }
            (unit, current) = (change.UnitId, change.Post);
        }
        UnitId = unit;
        TermStart = termStart;
        Hold(current, stamp);
        return (inserted, later);
    }

    /// <summary>What a change did (from the post before it, <paramref name="from"/>, to its own, <paramref name="to"/>) done again on <paramref name="onto"/>.</summary>
    private static PostHeld Carry(PostHeld from, PostHeld to, PostHeld onto) => new(
        to.Position != from.Position ? to.Position : onto.Position,
        to.PostKind != from.PostKind ? to.PostKind : onto.PostKind,
        to.Rank != from.Rank ? to.Rank : onto.Rank,
        to.TermEnd != from.TermEnd ? to.TermEnd : onto.TermEnd);

    private void Hold(PostHeld post, Audit stamp)
    {
        (Position, PostKind, Rank, TermEnd) = (post.Position, post.PostKind, post.Rank, post.TermEnd);
        Updated = stamp;
        Version++;
    }

    private void RequireActive()
    {
        if (LeftOn is { } left)
        {
            throw new PreconditionFailedException($"The person's leaving on {left.ToChinese()} is recorded; appoint them again as a new person.");
        }
    }

    private PersonChange Record(PersonChangeKind kind, DateOnly date, Guid? previousUnitId, string note, Audit stamp) =>
        PersonChange.Create(Id, kind, date, UnitId, previousUnitId, new PostHeld(Position, PostKind, Rank, TermEnd), note, stamp);
}

/// <summary>One entry of a person's history: what they held from <see cref="Date"/> on.</summary>
public sealed class PersonChange
{
    private PersonChange()
    {
    }

    public Guid Id { get; private set; }

    public Guid PersonId { get; private set; }

    public PersonChangeKind Kind { get; private set; }

    public DateOnly Date { get; private set; }

    public Guid UnitId { get; private set; }

    public Guid? PreviousUnitId { get; private set; }

    public string Position { get; private set; } = string.Empty;

    public PostKind PostKind { get; private set; }

    public string Rank { get; private set; } = string.Empty;

    /// <summary>The end of the term held from this change on (null: open, or recorded before the history kept it).</summary>
    public DateOnly? TermEnd { get; private set; }

    public string Note { get; private set; } = string.Empty;

    public Audit Recorded { get; private set; } = null!;

    /// <summary>The post held from this change on.</summary>
    public PostHeld Post => new(Position, PostKind, Rank, TermEnd);

    /// <summary>Replayed after a change dated before it was put in its place (<see cref="Person.InsertChange"/>).</summary>
    internal void Replay(Guid unitId, Guid? previousUnitId, PostHeld post)
    {
        (UnitId, PreviousUnitId) = (unitId, Kind == PersonChangeKind.Transferred ? previousUnitId : PreviousUnitId);
        (Position, PostKind, Rank, TermEnd) = (post.Position, post.PostKind, post.Rank, post.TermEnd);
    }

    internal static PersonChange Create(Guid personId, PersonChangeKind kind, DateOnly date, Guid unitId, Guid? previousUnitId, PostHeld post, string note, Audit stamp) => new()
    {
        Id = Guid.CreateVersion7(),
        PersonId = personId,
        Kind = kind,
        Date = date,
        UnitId = unitId,
        PreviousUnitId = previousUnitId,
        Position = post.Position,
        PostKind = post.PostKind,
        Rank = post.Rank,
        TermEnd = post.TermEnd,
        Note = note,
        Recorded = stamp,
    };
}
