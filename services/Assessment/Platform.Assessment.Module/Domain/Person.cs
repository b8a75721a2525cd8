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
        return Record(PersonChangeKind.Left, date, null, note, stamp);
    }

    private void Hold(PostHeld post, Audit stamp)
    {
        (Position, PostKind, Rank, TermEnd) = (post.Position, post.PostKind, post.Rank, post.TermEnd);
        Updated = stamp;
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
