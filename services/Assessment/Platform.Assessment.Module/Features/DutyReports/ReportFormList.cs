using Platform.BuildingBlocks.Grpc;

namespace Platform.Assessment.Module.Features.DutyReports;

/// <summary>The node's forms: the four built-in ones of "1+4+5+N", then those the operator added, oldest first.</summary>
public static class ReportFormList
{
    public sealed record Form(string Name, bool RequiresPublicEvaluation, bool BuiltIn, Audit? Added);

    /// <summary>At most this many forms of the node's own, so a campaign's list (at most 20) can hold them with the four.</summary>
    public const int MaxAdded = 16;

    public static async Task<List<Form>> LoadAsync(AssessmentDbContext db, CancellationToken cancellationToken)
    {
        var added = await db.ReportForms.AsNoTracking().OrderBy(f => f.Id).ToListAsync(cancellationToken);
        return
        [
            .. DutyReportForms.BuiltIn.Select(f => new Form(f.Name, f.RequiresPublicEvaluation, true, null)),
            .. added.Select(f => new Form(f.Name, f.RequiresPublicEvaluation, false, f.Added)),
        ];
    }

    public static Contracts.Assessment.V1.ReportForm ToProto(this Form form) => new()
    {
        Name = form.Name,
        RequiresPublicEvaluation = form.RequiresPublicEvaluation,
        BuiltIn = form.BuiltIn,
        AddedBy = form.Added?.UserId ?? string.Empty,
        AddedAt = form.Added?.At.ToWire() ?? string.Empty,
    };
}
