using Platform.Assessment.Module.Features.Qualification;
using Platform.BuildingBlocks.Kernel.Time;
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
        var stamp = access.Now();
        if (validator.IsValid)
        {
            AssessmentDates.Announced(validator, "on", on, stamp.At.DateInChina());
        }
        var credential = await QualificationRules.CredentialAsync(db, validator, request.CredentialId, cancellationToken);
        QualificationRules.NotBeforeIssue(credential, "on", on);
        credential.Revoke(on, reason, stamp);
        await db.SaveChangesAsync(cancellationToken);
        return credential.ToProto(stamp.At.DateInChina());
    }
}
