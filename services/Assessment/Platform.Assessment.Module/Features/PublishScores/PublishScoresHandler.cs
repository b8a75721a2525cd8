using Platform.Assessment.Module.Features.Indicators;
using Platform.Assessment.Module.Features.Scores;
using Platform.BuildingBlocks.Grpc;

namespace Platform.Assessment.Module.Features.PublishScores;

/// <summary>
/// The office publishes a year's results: every unit's scores and rank, kept as a snapshot and sent as
/// assessment.scores_published.v1 in the same save (the outbox). Publishing again, after an appeal, sends a new one.
/// </summary>
public sealed class PublishScoresHandler(AssessmentDbContext db, AssessmentAccess access, ScoreLoader loader)
{
    public async Task<Contracts.Assessment.V1.ScorePublication> HandleAsync(PublishScoresRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        IndicatorYears.Check(validator, request.Year);
        validator.ThrowIfInvalid();
        var system = await loader.SystemAsync(request.Year, cancellationToken);
        var totals = await loader.TotalsAsync(system, level: null, kind: null, cancellationToken);
        if (totals.Count == 0)
        {
            throw new PreconditionFailedException("The node has no units to publish results for.");
        }
        var rankings = Rankings.Rank(totals).ToList();
        var results = rankings.SelectMany(r => r.Units.Select(u => new PublishedResult(
            Guid.Parse(u.UnitId), u.UnitName, r.Level, r.Kind, (decimal)u.Routine, (decimal)u.Annual, (decimal)u.Combined, u.Rank, u.Tied))).ToList();
        var publication = Domain.ScorePublication.Publish(system, results, access.Now());
        db.ScorePublications.Add(publication);
        await db.SaveChangesAsync(cancellationToken);

        var response = new Contracts.Assessment.V1.ScorePublication
        {
            Id = publication.Id.ToString(),
            Year = publication.Year,
            PublishedBy = publication.Published.UserId,
            PublishedAt = publication.Published.At.ToWire(),
            UnitCount = results.Count,
        };
        response.Rankings.AddRange(rankings);
        return response;
    }
}
