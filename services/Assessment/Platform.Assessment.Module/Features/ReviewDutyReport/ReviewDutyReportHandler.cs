using Platform.Assessment.Module.Features.DutyReports;

namespace Platform.Assessment.Module.Features.ReviewDutyReport;

/// <summary>The office rates a submitted report (优秀/良好/一般/较差) with a comment, or sends it back for revision.</summary>
public sealed class ReviewDutyReportHandler(AssessmentDbContext db, AssessmentAccess access, RosterLoader loader)
{
    private static readonly string[] Decisions = ["rate", "send_back"];

    public async Task<Contracts.Assessment.V1.RosterEntry> HandleAsync(ReviewDutyReportRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var entryId = validator.Id("entry_id", request.EntryId);
        var decision = validator.Required("decision", request.Decision, 20);
        if (decision.Length > 0 && !Decisions.Contains(decision))
        {
            validator.Add("decision", $"must be one of: {string.Join(", ", Decisions)}");
        }
        var rating = decision == "rate" ? validator.OneOf("rating", request.Rating, DutyReportRules.Ratings) : default;
        if (decision == "send_back" && !string.IsNullOrEmpty(request.Rating))
        {
            validator.Add("rating", "is not given when sending a report back");
        }
        var comment = validator.Optional("comment", request.Comment, 2000) ?? string.Empty;
        if (comment.Length > 0 && RequestValidator.TextProblem(comment) is { } problem)
        {
            validator.Add("comment", problem);
        }
        validator.ThrowIfInvalid();

        var entry = await loader.VisibleEntryAsync(entryId, cancellationToken);
        var stamp = access.Now();
        if (decision == "rate")
        {
            entry.Rate(rating, comment, stamp);
        }
        else
        {
            entry.SendBack(comment, stamp);
        }
        await db.SaveChangesAsync(cancellationToken);
        return await loader.ToProtoAsync(entry, cancellationToken);
    }
}
