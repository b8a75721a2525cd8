using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Grpc;
using Platform.BuildingBlocks.Kernel.Time;

namespace Platform.Assessment.Module.Features.MayEnforce;

/// <summary>
/// "May this person enforce on day D?": yes when one of their credentials is valid that day (issued,
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
        if (!await db.People.AnyAsync(p => p.Id == personId, cancellationToken))
        {
            throw new NotFoundException($"Person {personId} does not exist.");
        }
        var credentials = await db.Credentials.AsNoTracking().Where(c => c.PersonId == personId).OrderByDescending(c => c.IssuedOn).ToListAsync(cancellationToken);
        var response = new MayEnforceResponse { Date = day.ToWire() };
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
