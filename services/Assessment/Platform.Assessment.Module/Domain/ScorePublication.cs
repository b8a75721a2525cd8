using Platform.BuildingBlocks.Kernel.Events;

namespace Platform.Assessment.Module.Domain;

/// <summary>One unit's published result (a snapshot: later marks or appeals need a new publication).</summary>
public sealed record PublishedResult(Guid UnitId, string UnitName, string Level, string Kind, decimal Routine, decimal Annual, decimal Combined, int Rank, bool Tied);

/// <summary>The office published a year's results; the store sends assessment.scores_published.v1 for it.</summary>
public sealed record ScoresPublished(Guid PublicationId, int Year, int RoutineShare, int AnnualShare, IReadOnlyList<PublishedResult> Results) : IDomainEvent;

/// <summary>
/// A publication of a year's evaluation results (考评结果) to the organisation department and the units.
/// Each publication is kept; the latest of a year is the one that stands.
/// </summary>
public sealed class ScorePublication : AggregateRoot
{
    private ScorePublication()
    {
    }

    public Guid Id { get; private set; }

    public int Year { get; private set; }

    public int RoutineShare { get; private set; }

    public int AnnualShare { get; private set; }

    public List<PublishedResult> Results { get; private set; } = [];

    public Audit Published { get; private set; } = null!;

    public static ScorePublication Publish(IndicatorSystem system, IReadOnlyList<PublishedResult> results, Audit published)
    {
        var publication = new ScorePublication
        {
            Id = Guid.CreateVersion7(),
            Year = system.Year,
            RoutineShare = system.RoutineShare,
            AnnualShare = system.AnnualShare,
            Results = [.. results],
            Published = published,
        };
        publication.Record(new ScoresPublished(publication.Id, publication.Year, publication.RoutineShare, publication.AnnualShare, results));
        return publication;
    }
}
