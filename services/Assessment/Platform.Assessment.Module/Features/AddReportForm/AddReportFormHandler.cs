using Platform.Assessment.Module.Features.DutyReports;
using Platform.BuildingBlocks.Auth;

namespace Platform.Assessment.Module.Features.AddReportForm;

/// <summary>
/// The node operator adds a form (the N of "1+4+5+N", e.g. 现场述法) to the node's list; campaigns created
/// afterwards that name no forms of their own get it. A form once added stays: running campaigns name it.
/// </summary>
public sealed class AddReportFormHandler(AssessmentDbContext db, AssessmentAccess access)
{
    public async Task<Contracts.Assessment.V1.ReportForm> HandleAsync(AddReportFormRequest request, CancellationToken cancellationToken)
    {
        access.Caller.RequireAnyRole(PlatformRoles.NodeOperator);
        var validator = new RequestValidator();
        var name = validator.Name("name", request.Name, 20);
        validator.ThrowIfInvalid();

        var forms = await ReportFormList.LoadAsync(db, cancellationToken);
        if (forms.Any(f => f.Name == name))
        {
            throw new ValidationException("name", $"'{name}' is a form of this node already");
        }
        if (forms.Count(f => !f.BuiltIn) >= ReportFormList.MaxAdded)
        {
            throw new ValidationException("name", $"the node has {ReportFormList.MaxAdded} forms of its own already, the most it may add");
        }
        var form = AddedReportForm.Add(name, request.RequiresPublicEvaluation, access.Now());
        db.ReportForms.Add(form);
        await db.SaveChangesAsync(cancellationToken);
        return new ReportFormList.Form(form.Name, form.RequiresPublicEvaluation, false, form.Added).ToProto();
    }
}
