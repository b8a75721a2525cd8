namespace Platform.Assessment.Module.Domain;

/// <summary>The two evaluations of a year, combined by the indicator system's shares.</summary>
public enum Evaluation
{
    /// <summary>平时考评, during the year.</summary>
    Routine,

    /// <summary>年度考评, at year end.</summary>
    Annual,
}

/// <summary>
/// The office's mark for a unit on a manual leaf (the points) or a count-against-target leaf (the
/// count) in one evaluation of a year. Recording again replaces the value; the last recorder is kept.
/// </summary>
public sealed class RecordedScore
{
    private RecordedScore()
    {
    }

    public Guid Id { get; private set; }

    public int Year { get; private set; }

    public Guid UnitId { get; private set; }

    public string IndicatorCode { get; private set; } = string.Empty;

    public Evaluation Evaluation { get; private set; }

    public decimal Value { get; private set; }

    public string? Note { get; private set; }

    public Audit Recorded { get; private set; } = null!;

    public static RecordedScore Create(int year, Guid unitId, string code, Evaluation evaluation, decimal value, string? note, Audit recorded) => new()
    {
        Id = Guid.CreateVersion7(),
        Year = year,
        UnitId = unitId,
        IndicatorCode = code,
        Evaluation = evaluation,
        Value = value,
        Note = note,
        Recorded = recorded,
    };

    public void Replace(decimal value, string? note, Audit recorded) => (Value, Note, Recorded) = (value, note, recorded);
}
