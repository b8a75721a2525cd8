using Platform.Assessment.Module.Features.People;
using Platform.Assessment.Module.Features.Scores;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Kernel.Time;
using AssessmentUnit = Platform.Assessment.Module.Domain.AssessmentUnit;
using Credential = Platform.Assessment.Module.Domain.Credential;
using ExamResult = Platform.Assessment.Module.Domain.ExamResult;
using StudySession = Platform.Assessment.Module.Domain.StudySession;

namespace Platform.Assessment.Module.Features.Qualification;

/// <summary>Wire names, the study minimums of the seeds, and the loads the qualification handlers share.</summary>
public static class QualificationRules
{
    public static readonly IReadOnlyDictionary<string, StudyKind> StudyKinds = new Dictionary<string, StudyKind>(StringComparer.Ordinal)
    {
        ["executive_meeting"] = StudyKind.ExecutiveMeeting,
        ["theory_group"] = StudyKind.TheoryGroup,
        ["lecture"] = StudyKind.Lecture,
        ["other"] = StudyKind.Other,
    };

    public static readonly IReadOnlyDictionary<string, ExamKind> ExamKinds = new Dictionary<string, ExamKind>(StringComparer.Ordinal)
    {
        ["pre_appointment"] = ExamKind.PreAppointment,
        ["annual"] = ExamKind.Annual,
    };

    public static string Wire(this StudyKind kind) => StudyKinds.First(k => k.Value == kind).Key;

    public static string Wire(this ExamKind kind) => ExamKinds.First(k => k.Value == kind).Key;

    /// <summary>
    /// The yearly minimum and what counts toward it: city and county governments at least 4 at
    /// executive meetings, departments at least 2 of any kind; anything else has none.
    /// </summary>
    public static (int Required, StudyKind? Counts) Minimum(AssessmentUnit unit) =>
        unit.Kind == "government" && UnitLevels.Of(unit.RegionCode) is "city" or "county" ? (4, StudyKind.ExecutiveMeeting)
        : unit.Kind == "department" ? (2, null)
        : (0, null);

    /// <summary>Pro rata by completed quarters: a minimum of 4 expects 1 after March, 2 after June; the whole once the year is over.</summary>
    public static int ExpectedBy(int required, int year, DateOnly asOf)
    {
        if (asOf.Year > year)
        {
            return required;
        }
        if (asOf.Year < year)
        {
            return 0;
        }
        var quarters = (asOf.Month - 1) / 3;
        return required * quarters / 4;
    }

    /// <summary>
    /// People who served on <paramref name="date"/> (the session's or class's day), in <paramref name="unitId"/> when given
    /// (for training: in any unit of the node), each named by its field. Which unit a person was in, and whether they
    /// served at all, is read from their history for that day: someone transferred in later, or who had left, was not there.
    /// </summary>
    public static async Task<List<Guid>> PeopleAsync(
        AssessmentDbContext db, RequestValidator validator, string field, IReadOnlyList<string> ids, Guid? unitId, DateOnly date, CancellationToken cancellationToken)
    {
        var parsed = ids.Select((id, i) => validator.Id($"{field}[{i}]", id)).ToList();
        validator.ThrowIfInvalid();
        var histories = await PersonLoader.HistoriesAsync(db, parsed, cancellationToken);
        for (var i = 0; i < parsed.Count; i++)
        {
            if (!histories.TryGetValue(parsed[i], out var history))
            {
                validator.Add($"{field}[{i}]", $"{parsed[i]} is not a person on file");
            }
            else if (!PersonTimeline.Serves(history, date, unitId))
            {
                validator.Add($"{field}[{i}]", unitId is null
                    ? $"{parsed[i]} did not serve in a unit of the node on {date.ToChinese()}"
                    : $"{parsed[i]} was not a person of the unit on {date.ToChinese()}");
            }
            else if (parsed.IndexOf(parsed[i]) != i)
            {
                validator.Add($"{field}[{i}]", $"{parsed[i]} is listed twice");
            }
        }
        validator.ThrowIfInvalid();
        return parsed;
    }

    public static Contracts.Assessment.V1.StudySession ToProto(this StudySession session)
    {
        var proto = new Contracts.Assessment.V1.StudySession
        {
            Id = session.Id.ToString(), UnitId = session.UnitId.ToString(), Date = session.Date.ToWire(), Topic = session.Topic,
            Kind = session.Kind.Wire(), RecordedBy = session.Recorded.UserId,
        };
        proto.AttendeeIds.AddRange(session.AttendeeIds.Select(a => a.ToString()));
        return proto;
    }

    public static Contracts.Assessment.V1.ExamResult ToProto(this ExamResult exam) => new()
    {
        Id = exam.Id.ToString(), PersonId = exam.PersonId.ToString(), Kind = exam.Kind.Wire(), TakenOn = exam.TakenOn.ToWire(),
        Score = (double)exam.Score, PassMark = (double)exam.PassMark, Passed = exam.Passed,
    };

    /// <summary>The credential as it stands on <paramref name="today"/> (its status that day); every suspension and the revocation listed.</summary>
    public static Contracts.Assessment.V1.Credential ToProto(this Credential credential, DateOnly today)
    {
        var proto = new Contracts.Assessment.V1.Credential
        {
            Id = credential.Id.ToString(),
            PersonId = credential.PersonId.ToString(),
            UnitId = credential.UnitId.ToString(),
            Number = credential.Number,
            IssuedOn = credential.IssuedOn.ToWire(),
            ExpiresOn = credential.ExpiresOn.ToWire(),
            ExamId = credential.ExamId.ToString(),
            Status = credential.StatusOn(today).ToString().ToLowerInvariant(),
            SuspendedFrom = credential.SuspendedFrom?.ToWire() ?? string.Empty,
            SuspendedUntil = credential.SuspendedUntil?.ToWire() ?? string.Empty,
            SuspensionReason = credential.SuspensionReason ?? string.Empty,
            RevokedOn = credential.RevokedOn?.ToWire() ?? string.Empty,
            RevocationReason = credential.RevocationReason ?? string.Empty,
        };
        proto.Suspensions.AddRange(credential.Suspensions.Select(s => new Contracts.Assessment.V1.CredentialSuspension
        {
            From = s.From.ToWire(), Until = s.Until?.ToWire() ?? string.Empty, Reason = s.Reason,
        }));
        return proto;
    }

    /// <summary>A suspension or revocation dated before the credential was issued is refused, naming <paramref name="field"/>.</summary>
    public static void NotBeforeIssue(Credential credential, string field, DateOnly date)
    {
        if (date < credential.IssuedOn)
        {
            throw new ValidationException(field, $"is {date:yyyy-MM-dd}, before credential {credential.Number} was issued ({credential.IssuedOn:yyyy-MM-dd})");
        }
    }

    public static async Task<Credential> CredentialAsync(AssessmentDbContext db, RequestValidator validator, string id, CancellationToken cancellationToken)
    {
        var credentialId = validator.Id("credential_id", id);
        validator.ThrowIfInvalid();
        return await db.Credentials.SingleOrDefaultAsync(c => c.Id == credentialId, cancellationToken)
            ?? throw new NotFoundException($"Credential {credentialId} does not exist.");
    }
}
