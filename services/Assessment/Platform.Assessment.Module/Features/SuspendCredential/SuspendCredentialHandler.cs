using Platform.Assessment.Module.Features.Qualification;
using Credential = Platform.Contracts.Assessment.V1.Credential;

namespace Platform.Assessment.Module.Features.SuspendCredential;

/// <summary>The office suspends a credential from a day, until a day or further notice; assessment.credential_suspended.v1 goes out.</summary>
public sealed class SuspendCredentialHandler(AssessmentDbContext db, AssessmentAccess access)
{
    public async Task<Credential> HandleAsync(SuspendCredentialRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var from = validator.Date("from", request.From);
        DateOnly? until = request.Until.Length == 0 ? null : validator.Date("until", request.Until);
        if (validator.IsValid && until < from)
        {
            validator.Add("until", $"must not be before from ({request.From}), got {request.Until}");
        }
        var reason = validator.Name("reason", request.Reason, 1000);
        var credential = await QualificationRules.CredentialAsync(db, validator, request.CredentialId, cancellationToken);
        credential.Suspend(from, until, reason, access.Now());
        await db.SaveChangesAsync(cancellationToken);
        return credential.ToProto();
    }
}
