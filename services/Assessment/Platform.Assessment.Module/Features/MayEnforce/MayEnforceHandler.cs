using Platform.Assessment.Module.Features.People;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Kernel.Time;

namespace Platform.Assessment.Module.Features.MayEnforce;

/// <summary>
/// "May this person enforce on day D?": no from the day the person left (离任); otherwise yes when one of their credentials is valid that day (issued,
/// not expired, not revoked, not suspended). A credential is shown to the public it is used on, so
/// anyone working on the node may ask (integrators call with a service token); the auditor has no business with it.
/// </summary>
public sealed class MayEnforceHandler(AssessmentDbContext db, AssessmentAccess access, TimeProvider clock)
{
    public async Task<MayEnforceResponse> HandleAsync(MayEnforceRequest request, CancellationToken cancellationToken)
    {
        access.Caller.RequireAnyRole(
            PlatformRoles.OfficeStaff, PlatformRoles.Observer, PlatformRoles.Inspector, PlatformRoles.UnitLiaison, PlatformRoles.Leader, PlatformRoles.NodeOperator);
        var validator = new RequestValidator();
        var personId = validator.Id("person_id", request.PersonId);
        var day = request.Date.Length == 0 ? clock.TodayInChina() : validator.Date("date", request.Date);
        validator.ThrowIfInvalid();
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => new { p.LeftOn }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Person {personId} does not exist.");
        var response = new MayEnforceResponse { Date = day.ToWire() };
        // Whoever has left (离任) enforces nothing from the day they left, whatever their credential says.
        if (person.LeftOn is { } left && day >= left)
        {
            response.Reason = $"left on {left.ToWire()}";
            return response;
        }
        // Nor does anyone before their term starts: a credential serves a post held that day.
        var history = await PersonLoader.HistoriesAsync(db, [personId], cancellationToken);
        if (history.TryGetValue(personId, out var changes) && PersonTimeline.InEffect(changes, day) is null)
        {
            response.Reason = $"not serving on {day.ToWire()}: the term starts on {changes[0].Date.ToWire()}";
            return response;
        }
        var credentials = await db.Credentials.AsNoTracking().Where(c => c.PersonId == personId).OrderByDescending(c => c.IssuedOn).ToListAsync(cancellationToken);
        if (credentials.Count == 0)
        {
            response.Reason = "no credential";
            return response;
        }
        var valid = credentials.FirstOrDefault(c => c.RefusalOn(day) is null);
        if (valid is not null)
        {
            (response.MayEnforce, response.CredentialNumber, response.Reason) = (true, valid.Number, $"credential {valid.Number} is valid until {valid.ExpiresOn.ToWire()}");
            return response;
        }
        // The newest credential's refusal is the one that explains.
        (response.CredentialNumber, response.Reason) = (credentials[0].Number, credentials[0].RefusalOn(day)!);
        return response;
    }
}
