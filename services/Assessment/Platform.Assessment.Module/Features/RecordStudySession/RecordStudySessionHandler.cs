using Platform.Assessment.Module.Features.People;
using Platform.Assessment.Module.Features.Qualification;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Kernel.Time;

namespace Platform.Assessment.Module.Features.RecordStudySession;

/// <summary>
/// A unit's study session (学法), recorded by the office or by the unit itself. It also becomes a
/// study_sessions fact of the unit's year, so a derived leaf on study sessions scores it.
/// </summary>
public sealed class RecordStudySessionHandler(AssessmentDbContext db, AssessmentAccess access, PersonLoader people, TimeProvider clock)
{
    /// <summary>The kind a study-session fact names instead of an event: the session is assessment's own record.</summary>
    public const string FactKind = "assessment.study_session";

    public async Task<Contracts.Assessment.V1.StudySession> HandleAsync(RecordStudySessionRequest request, CancellationToken cancellationToken)
    {
        access.Caller.RequireAnyRole(PlatformRoles.OfficeStaff, PlatformRoles.UnitLiaison, PlatformRoles.Leader);
        var validator = new RequestValidator();
        var unitId = validator.Id("unit_id", request.UnitId);
        if (unitId != Guid.Empty && !access.Caller.IsInAnyRole(PlatformRoles.OfficeStaff) && !access.Caller.BelongsTo(unitId))
        {
            throw new PermissionDeniedException("A unit records its own study sessions only.");
        }
        var date = validator.Date("date", request.Date);
        AssessmentDates.NotBefore(validator, "date", date, AssessmentDates.EarliestRecord);
        if (date > clock.TodayInChina())
        {
            validator.Add("date", $"is in the future ({request.Date}); record a session once it was held");
        }
        var topic = validator.Name("topic", request.Topic, 300);
        var kind = validator.OneOf("kind", request.Kind, QualificationRules.StudyKinds);
        validator.Count("attendee_ids", request.AttendeeIds.Count, 500);
        validator.ThrowIfInvalid();
        await people.RequireUnitAsync(unitId, "unit_id", cancellationToken);
        var attendees = await QualificationRules.PeopleAsync(db, validator, "attendee_ids", request.AttendeeIds, unitId, date, cancellationToken);

        var session = Domain.StudySession.Record(unitId, date, topic, kind, attendees, access.Now());
        db.StudySessions.Add(session);
        db.UnitFacts.Add(UnitFact.Record(unitId, DerivedSources.StudySessions, $"study session {session.Id}", $"{topic}（{date:yyyy-MM-dd}）", session.Id, FactKind, date));
        await db.SaveChangesAsync(cancellationToken);
        return session.ToProto();
    }
}
