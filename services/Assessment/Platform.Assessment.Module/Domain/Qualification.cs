using Platform.BuildingBlocks.Kernel.Events;

namespace Platform.Assessment.Module.Domain;

public enum StudyKind
{
    /// <summary>常务会议学法: what counts toward a government's minimum.</summary>
    ExecutiveMeeting,
    TheoryGroup,
    Lecture,
    Other,
}

/// <summary>A study session (学法) a unit held, with the people who attended.</summary>
public sealed class StudySession
{
    private StudySession()
    {
    }

    public Guid Id { get; private set; }

    public Guid UnitId { get; private set; }

    public DateOnly Date { get; private set; }

    public string Topic { get; private set; } = string.Empty;

    public StudyKind Kind { get; private set; }

    public List<Guid> AttendeeIds { get; private set; } = [];

    public Audit Recorded { get; private set; } = null!;

    public static StudySession Record(Guid unitId, DateOnly date, string topic, StudyKind kind, IReadOnlyList<Guid> attendees, Audit recorded) => new()
    {
        Id = Guid.CreateVersion7(), UnitId = unitId, Date = date, Topic = topic, Kind = kind, AttendeeIds = [.. attendees], Recorded = recorded,
    };
}

/// <summary>A unit is behind its study minimum; the store sends assessment.study_behind.v1 for notification.</summary>
public sealed record StudyBehind(Guid UnitId, string UnitName, int Year, int Required, int Held, int ExpectedByNow, DateOnly AsOf) : IDomainEvent;

/// <summary>
/// A reminder sent to a unit behind its study minimum: one per unit, year and expected count, so a
/// check run every day reminds a unit once per quarter it falls behind, not every day.
/// </summary>
public sealed class StudyReminder : AggregateRoot
{
    private StudyReminder()
    {
    }

    public Guid Id { get; private set; }

    public int Year { get; private set; }

    public Guid UnitId { get; private set; }

    public int ExpectedByNow { get; private set; }

    public int Held { get; private set; }

    public Audit Sent { get; private set; } = null!;

    public static StudyReminder Send(AssessmentUnit unit, int year, int required, int held, int expected, DateOnly asOf, Audit sent)
    {
        var reminder = new StudyReminder { Id = Guid.CreateVersion7(), Year = year, UnitId = unit.Id, ExpectedByNow = expected, Held = held, Sent = sent };
        reminder.Record(new StudyBehind(unit.Id, unit.Name, year, required, held, expected, asOf));
        return reminder;
    }
}

/// <summary>One person's attendance at a training class.</summary>
public sealed record TrainingAttendance(Guid PersonId, bool Attended);

/// <summary>A training class (培训班) and who attended it.</summary>
public sealed class TrainingClass
{
    private TrainingClass()
    {
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public DateOnly StartsOn { get; private set; }

    public int Hours { get; private set; }

    public List<TrainingAttendance> Attendance { get; private set; } = [];

    public Audit Recorded { get; private set; } = null!;

    public static TrainingClass Record(string title, DateOnly startsOn, int hours, IReadOnlyList<TrainingAttendance> attendance, Audit recorded) => new()
    {
        Id = Guid.CreateVersion7(), Title = title, StartsOn = startsOn, Hours = hours, Attendance = [.. attendance], Recorded = recorded,
    };
}

public enum ExamKind
{
    /// <summary>任前法律考试.</summary>
    PreAppointment,

    /// <summary>年度学法考试.</summary>
    Annual,
}

/// <summary>A person's result in a law test or exam.</summary>
public sealed class ExamResult
{
    private ExamResult()
    {
    }

    public Guid Id { get; private set; }

    public Guid PersonId { get; private set; }

    public ExamKind Kind { get; private set; }

    public DateOnly TakenOn { get; private set; }

    public decimal Score { get; private set; }

    public decimal PassMark { get; private set; }

    public bool Passed => Score >= PassMark;

    public Audit Recorded { get; private set; } = null!;

    public static ExamResult Record(Guid personId, ExamKind kind, DateOnly takenOn, decimal score, decimal passMark, Audit recorded) => new()
    {
        Id = Guid.CreateVersion7(), PersonId = personId, Kind = kind, TakenOn = takenOn, Score = score, PassMark = passMark, Recorded = recorded,
    };
}

public enum CredentialStatus
{
    Active,
    Suspended,
    Revoked,
}

/// <summary>A credential was suspended; the store sends assessment.credential_suspended.v1.</summary>
public sealed record CredentialSuspended(
    Guid CredentialId, Guid PersonId, Guid UnitId, string Number, DateOnly From, DateOnly? Until, string Reason) : IDomainEvent;

/// <summary>One suspension of a credential: from a day, until a day (null: further notice), and why.</summary>
public sealed record CredentialSuspension(DateOnly From, DateOnly? Until, string Reason)
{
    public bool Covers(DateOnly day) => day >= From && (Until is not { } until || day <= until);
}

/// <summary>
/// An enforcement credential (执法证): issued on a passed exam, valid from issue to expiry unless
/// suspended (from a day, until a day or further notice) or revoked (from a day, for good).
/// "No exam, no credential, no enforcement."
/// </summary>
public sealed class Credential : AggregateRoot
{
    private Credential()
    {
    }

    public Guid Id { get; private set; }

    public Guid PersonId { get; private set; }

    public Guid UnitId { get; private set; }

    public string Number { get; private set; } = string.Empty;

    /// <summary>The number as it is compared (unique in the store): <see cref="KeyOf"/>.</summary>
    public string NumberKey { get; private set; } = string.Empty;

    public DateOnly IssuedOn { get; private set; }

    public DateOnly ExpiresOn { get; private set; }

    public Guid ExamId { get; private set; }

    public CredentialStatus Status { get; private set; }

    /// <summary>The latest suspension (From, Until, Reason repeat the last of <see cref="Suspensions"/>).</summary>
    public DateOnly? SuspendedFrom { get; private set; }

    public DateOnly? SuspendedUntil { get; private set; }

    public string? SuspensionReason { get; private set; }

    /// <summary>Every suspension, oldest first: a later one never hides an earlier one for the days it covered.</summary>
    public List<CredentialSuspension> Suspensions { get; private set; } = [];

    public DateOnly? RevokedOn { get; private set; }

    public string? RevocationReason { get; private set; }

    public Audit Issued { get; private set; } = null!;

    public Audit? Changed { get; private set; }

    /// <summary>The concurrency token: of two suspensions or revocations made at once on one credential, only the first is saved (the other is Aborted).</summary>
    public int Version { get; private set; }

    public static Credential Issue(Person person, string number, DateOnly issuedOn, DateOnly expiresOn, ExamResult exam, Audit issued) => new()
    {
        Id = Guid.CreateVersion7(), PersonId = person.Id, UnitId = person.UnitId, Number = number, NumberKey = KeyOf(number), IssuedOn = issuedOn, ExpiresOn = expiresOn,
        ExamId = exam.Id, Status = CredentialStatus.Active, Issued = issued,
    };

    /// <summary>
    /// A credential number as it is compared: trimmed, full-width forms made half-width (NFKC: "ＧＳ－０００１" is
    /// "GS-0001") and case folded, so " gs-0001 " and "ＧＳ－０００１" name the credential GS-0001.
    /// </summary>
    public static string KeyOf(string number) => number.Trim().Normalize(System.Text.NormalizationForm.FormKC).Trim().ToUpperInvariant();

    /// <summary>The last day the credential is valid, revocation considered (expiry otherwise); suspensions pause it but do not end it.</summary>
    public DateOnly LastValidDay => RevokedOn is { } revoked && revoked.AddDays(-1) < ExpiresOn ? revoked.AddDays(-1) : ExpiresOn;

    /// <summary>Whether the credential is valid (suspended counts: a suspension is not ended by another credential) on some day of the period.</summary>
    public bool ValidWithin(DateOnly from, DateOnly until) => IssuedOn <= until && LastValidDay >= from && LastValidDay >= IssuedOn;

    public void Suspend(DateOnly from, DateOnly? until, string reason, Audit changed)
    {
        if (Status == CredentialStatus.Revoked)
        {
            throw new PreconditionFailedException($"Credential {Number} was revoked on {RevokedOn:yyyy-MM-dd}; it cannot be suspended.");
        }
        (Status, SuspendedFrom, SuspendedUntil, SuspensionReason, Changed) = (CredentialStatus.Suspended, from, until, reason, changed);
        Suspensions.Add(new CredentialSuspension(from, until, reason));
        Version++;
        Record(new CredentialSuspended(Id, PersonId, UnitId, Number, from, until, reason));
    }

    public void Revoke(DateOnly on, string reason, Audit changed)
    {
        if (Status == CredentialStatus.Revoked)
        {
            throw new PreconditionFailedException($"Credential {Number} was revoked on {RevokedOn:yyyy-MM-dd} already.");
        }
        (Status, RevokedOn, RevocationReason, Changed) = (CredentialStatus.Revoked, on, reason, changed);
        Version++;
    }

    /// <summary>
    /// The credential's status on <paramref name="day"/>: revoked from the revocation's day, suspended on a day a suspension
    /// covers, active otherwise. A revocation or suspension set ahead, or a suspension that ended, does not show as the status.
    /// </summary>
    public CredentialStatus StatusOn(DateOnly day) =>
        RevokedOn is { } revoked && day >= revoked ? CredentialStatus.Revoked
        : Suspensions.Any(s => s.Covers(day)) ? CredentialStatus.Suspended
        : CredentialStatus.Active;

    /// <summary>Why the holder may not enforce on <paramref name="day"/> under this credential, or null when they may.</summary>
    public string? RefusalOn(DateOnly day) =>
        day < IssuedOn ? $"credential {Number} is valid from {IssuedOn:yyyy-MM-dd}"
        : day > ExpiresOn ? $"credential {Number} expired on {ExpiresOn:yyyy-MM-dd}"
        : RevokedOn is { } revoked && day >= revoked ? $"credential {Number} was revoked on {revoked:yyyy-MM-dd}: {RevocationReason}"
        : Suspensions.LastOrDefault(s => s.Covers(day)) is { } suspension
            ? $"credential {Number} is suspended from {suspension.From:yyyy-MM-dd}{(suspension.Until is { } end ? $" until {end:yyyy-MM-dd}" : " until further notice")}: {suspension.Reason}"
        : null;
}
