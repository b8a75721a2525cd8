using Platform.Assessment.Module.Features.Qualification;
using Credential = Platform.Contracts.Assessment.V1.Credential;

namespace Platform.Assessment.Module.Features.RevokeCredential;

/// <summary>The office revokes a credential from a day, for good.</summary>
public sealed class RevokeCredentialHandler(AssessmentDbContext db, AssessmentAccess access)
{
    public async Task<Credential> HandleAsync(RevokeCredentialRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var on = validator.Date("on", request.On);
        var reason = validator.Name("reason", request.Reason, 1000);
        var credential = await QualificationRules.CredentialAsync(db, validator, request.CredentialId, cancellationToken);
        credential.Revoke(on, reason, access.Now());
        await db.SaveChangesAsync(cancellationToken);
        return credential.ToProto();
    }
}
