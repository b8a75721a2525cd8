using Platform.Assessment.Module.Features.DutyReports;
using Platform.Assessment.Module.Features.People;
using Platform.Assessment.Module.Features.Qualification;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Federation;
using Platform.BuildingBlocks.Grpc;

namespace Platform.Assessment.Module.Features.Dossier;

/// <summary>
/// A person's dossier (法治档案): the person and their history, duty reports, study sessions attended,
/// training, exams and credentials. The office and observers read anyone's; a unit's liaison its own
/// unit's people; a leader their own (the person linked to their account). Anyone else's reads as missing. A person of a
/// child node is read from the dossiers it sent up (ADR 0023).
/// </summary>
public sealed partial class DossierLoader(AssessmentDbContext db, AssessmentAccess access, ILogger<DossierLoader> logger)
{

    public async Task<(string Name, Contracts.Assessment.V1.Dossier Dossier)> LoadAsync(string rawPersonId, CancellationToken cancellationToken)
    {
        access.RequirePeopleReader();
        var validator = new RequestValidator();
        var personId = validator.Id("person_id", rawPersonId);
        validator.ThrowIfInvalid();
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null)
        {
            return await FromBelowAsync(personId, cancellationToken);
        }
        var today = access.Today();
        var history = await PersonLoader.HistoriesAsync(db, [personId], cancellationToken);
        if (!MaySee(person, PersonTimeline.UnitOn(history[personId], today)))
        {
            throw new NotFoundException($"Person {personId} does not exist.");
        }
        return (person.Name, await BuildAsync(db, person, today, cancellationToken));
    }

    /// <summary>
    /// Everything this node holds about a person, whoever asks (the caller checks who may see it), as they stand on
    /// <paramref name="today"/>: the unit is the one they belong to that day.
    /// </summary>
    public static async Task<Contracts.Assessment.V1.Dossier> BuildAsync(AssessmentDbContext db, Domain.Person person, DateOnly today, CancellationToken cancellationToken)
    {
        var personId = person.Id;
        var history = (await PersonLoader.HistoriesAsync(db, [personId], cancellationToken)).GetValueOrDefault(personId) ?? [];
        var proto = person.ToProto(history, today);
        var unitId = Guid.Parse(proto.UnitId);
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).SingleOrDefaultAsync(cancellationToken);
        var dossier = new Contracts.Assessment.V1.Dossier { Person = proto, UnitName = unit ?? string.Empty };

        var reports = await (from e in db.RosterEntries.AsNoTracking()
                             join c in db.Campaigns.AsNoTracking() on e.CampaignId equals c.Id
                             where e.PersonId == personId
                             orderby c.Year, c.Title
                             select new { Entry = e, c.Title, c.Year }).ToListAsync(cancellationToken);
        dossier.DutyReports.AddRange(reports.Select(r => new DossierDutyReport
        {
            CampaignId = r.Entry.CampaignId.ToString(), CampaignTitle = r.Title, Year = r.Year, Status = r.Entry.Status.Wire(), Form = r.Entry.Form,
            Rating = r.Entry.Rating?.Wire() ?? string.Empty, ReviewComment = r.Entry.ReviewComment,
        }));

        // Attendee lists are small JSON arrays per session: the sessions of the units the person served in are read and filtered here.
        var units = history.Select(h => h.UnitId).Append(person.UnitId).Distinct().ToList();
        var sessions = await db.StudySessions.AsNoTracking().Where(s => units.Contains(s.UnitId)).OrderBy(s => s.Date).ToListAsync(cancellationToken);
        dossier.StudySessions.AddRange(sessions.Where(s => s.AttendeeIds.Contains(personId)).Select(s => s.ToProto()));

        var classes = await db.TrainingClasses.AsNoTracking().OrderBy(t => t.StartsOn).ToListAsync(cancellationToken);
        dossier.Training.AddRange(classes.SelectMany(t => t.Attendance.Where(a => a.PersonId == personId).Select(a => new DossierTraining
        {
            ClassId = t.Id.ToString(), Title = t.Title, StartsOn = t.StartsOn.ToWire(), Hours = t.Hours, Attended = a.Attended,
        })));

        var exams = await db.ExamResults.AsNoTracking().Where(e => e.PersonId == personId).OrderBy(e => e.TakenOn).ToListAsync(cancellationToken);
        dossier.Exams.AddRange(exams.Select(e => e.ToProto()));
        var credentials = await db.Credentials.AsNoTracking().Where(c => c.PersonId == personId).OrderBy(c => c.IssuedOn).ToListAsync(cancellationToken);
        dossier.Credentials.AddRange(credentials.Select(c => c.ToProto(today)));
        return dossier;
    }

    /// <summary>
    /// A party and government head of a child node, as that node last sent their dossier (ADR 0023): for the office and
    /// observers, who assess the level below; anyone else reads it as missing.
    /// </summary>
    private async Task<(string Name, Contracts.Assessment.V1.Dossier Dossier)> FromBelowAsync(Guid personId, CancellationToken cancellationToken)
    {
        var below = access.SeesAllUnits
            ? await db.DossiersFromBelow.AsNoTracking().Where(d => d.PersonId == personId).OrderByDescending(d => d.AsOf).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (below is null)
        {
            throw new NotFoundException($"Person {personId} does not exist.");
        }
        // The edge keeps a bad dossier from below for its operator; one stored before it checked reads as missing, never as a failure.
        var (dossier, reason) = LeaderDossierJson.Read(below.DossierJson, below.PersonId);
        if (dossier is null)
        {
            LogUnreadableFromBelow(logger, personId, below.NodeId, reason);
            throw new NotFoundException($"Person {personId} does not exist.");
        }
        (dossier.NodeId, dossier.RegionCode, dossier.AsOf) = (below.NodeId, below.RegionCode, below.AsOf.ToWire());
        return (below.Name, dossier);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The dossier of person {PersonId} stored from child {NodeId} cannot be read ({Reason}); answered as missing")]
    private static partial void LogUnreadableFromBelow(ILogger logger, Guid personId, string nodeId, string reason);

    private bool MaySee(Domain.Person person, Guid unitToday)
    {
        var caller = access.Caller;
        return caller.IsInAnyRole(PlatformRoles.OfficeStaff, PlatformRoles.Observer)
            || (caller.IsInRole(PlatformRoles.UnitLiaison) && caller.BelongsTo(unitToday))
            || (caller.IsInRole(PlatformRoles.Leader) && person.AccountUserId is { } account && account == caller.Id);
    }
}
