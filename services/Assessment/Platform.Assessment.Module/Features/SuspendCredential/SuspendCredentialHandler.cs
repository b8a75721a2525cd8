using Platform.Assessment.Module.Features.Qualification;
using Platform.BuildingBlocks.Kernel.Time;
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
        var stamp = access.Now();
        if (validator.IsValid)
        {
            AssessmentDates.Announced(validator, "from", from, stamp.At.DateInChina());
        }
        var credential = await QualificationRules.CredentialAsync(db, validator, request.CredentialId, cancellationToken);
        QualificationRules.NotBeforeIssue(credential, "from", from);
        credential.Suspend(from, until, reason, stamp);
        await db.SaveChangesAsync(cancellationToken);
        return credential.ToProto(stamp.At.DateInChina());
    }
}
