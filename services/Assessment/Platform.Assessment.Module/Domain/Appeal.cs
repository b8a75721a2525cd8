namespace Platform.Assessment.Module.Domain;

public enum AppealStatus
{
    Pending,
    Upheld,
    Rejected,
}

/// <summary>
/// A unit's appeal (申诉) against the score of one leaf, and the office's decision. An upheld appeal
/// adds its adjustment to the leaf (within 0 and the full marks) and stays on the leaf as the trail;
/// a rejected one changes nothing. The unit's combined result before and after is kept with it.
/// </summary>
public sealed class Appeal
{
    private Appeal()
    {
    }

    public Guid Id { get; private set; }

    public int Year { get; private set; }

    public Guid UnitId { get; private set; }

    public string IndicatorCode { get; private set; } = string.Empty;

    public string Reason { get; private set; } = string.Empty;

    public AppealStatus Status { get; private set; }

    public Audit Filed { get; private set; } = null!;

    public Audit? Decided { get; private set; }

    public string? Comment { get; private set; }

    public decimal Adjustment { get; private set; }

    public decimal? CombinedBefore { get; private set; }

    public decimal? CombinedAfter { get; private set; }

    /// <summary>The concurrency token: two decisions made at once on one appeal, only the first is saved (the other is Aborted).</summary>
    public int Version { get; private set; }

    public static Appeal File(int year, Guid unitId, string code, string reason, Audit filed) => new()
    {
        Id = Guid.CreateVersion7(),
        Year = year,
        UnitId = unitId,
        IndicatorCode = code,
        Reason = reason,
        Status = AppealStatus.Pending,
        Filed = filed,
    };

    public void Decide(bool upheld, decimal adjustment, string comment, decimal combinedBefore, Audit decided)
    {
        if (Status != AppealStatus.Pending)
        {
            throw new PreconditionFailedException($"The appeal was {Status.ToString().ToLowerInvariant()} already.");
        }
        (Status, Adjustment, Comment, Decided, CombinedBefore) = (upheld ? AppealStatus.Upheld : AppealStatus.Rejected, upheld ? adjustment : 0, comment, decided, combinedBefore);
        Version++;
    }

    /// <summary>The combined result once the decision is applied (the same as before for a rejection).</summary>
    public void Settle(decimal combinedAfter) => CombinedAfter = combinedAfter;
}
