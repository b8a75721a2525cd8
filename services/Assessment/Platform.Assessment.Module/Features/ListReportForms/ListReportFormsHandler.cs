using Platform.Assessment.Module.Features.DutyReports;

namespace Platform.Assessment.Module.Features.ListReportForms;

/// <summary>The node's forms (what a campaign naming none gets) and the five mechanisms of "1+4+5+N".</summary>
public sealed class ListReportFormsHandler(AssessmentDbContext db, AssessmentAccess access)
{
    public async Task<ListReportFormsResponse> HandleAsync(ListReportFormsRequest request, CancellationToken cancellationToken)
    {
        access.RequireUnitReader();
        var response = new ListReportFormsResponse();
        response.Forms.AddRange((await ReportFormList.LoadAsync(db, cancellationToken)).Select(f => f.ToProto()));
        response.Mechanisms.AddRange(DutyReportForms.Mechanisms.Select(m => new ReportMechanism { Code = m.Code, Name = m.Name, Description = m.Description }));
        return response;
    }
}
