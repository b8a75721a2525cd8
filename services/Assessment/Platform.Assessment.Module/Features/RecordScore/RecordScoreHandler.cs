using System.Globalization;
using Platform.Assessment.Module.Features.Indicators;
using Platform.Assessment.Module.Features.Scores;

namespace Platform.Assessment.Module.Features.RecordScore;

/// <summary>
/// The office marks a unit on a manual leaf (points up to the leaf's full marks) or a count-against-target
/// leaf (the count) in the routine or annual evaluation. Derived leaves are never marked by hand.
/// </summary>
public sealed class RecordScoreHandler(AssessmentDbContext db, AssessmentAccess access, ScoreLoader loader)
{
    private static readonly IReadOnlyDictionary<string, Evaluation> Evaluations = new Dictionary<string, Evaluation>(StringComparer.Ordinal)
    {
        ["routine"] = Evaluation.Routine,
        ["annual"] = Evaluation.Annual,
    };

    public async Task<LeafScore> HandleAsync(RecordScoreRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        IndicatorYears.Check(validator, request.Year);
        var unitId = validator.Id("unit_id", request.UnitId);
        var code = validator.Required("indicator_code", request.IndicatorCode, 20);
        var evaluation = validator.OneOf("evaluation", request.Evaluation, Evaluations);
        var note = validator.Optional("note", request.Note, 500);
        validator.ThrowIfInvalid();

        var system = await loader.SystemAsync(request.Year, cancellationToken);
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, cancellationToken)
            ?? throw new ValidationException("unit_id", $"{unitId} is not a unit of this node (units are created in planning)");
        var leaf = system.Indicators.FirstOrDefault(n => n.Code == code)
            ?? throw new ValidationException("indicator_code", $"{code} is not an indicator of {request.Year}");
        var value = Value(leaf, IndicatorTreeRules.FullMarks(system.Indicators), request.Value);

        var mark = await db.RecordedScores.SingleOrDefaultAsync(
            s => s.Year == request.Year && s.UnitId == unitId && s.IndicatorCode == code && s.Evaluation == evaluation, cancellationToken);
        if (mark is null)
        {
            db.RecordedScores.Add(RecordedScore.Create(request.Year, unitId, code, evaluation, value, note, access.Now()));
        }
        else
        {
            mark.Replace(value, note, access.Now());
        }
        await db.SaveChangesAsync(cancellationToken);
        var score = await loader.ScoreAsync(system, unit, showConfidential: true, cancellationToken);
        return score.Leaves.Single(l => l.Code == code);
    }

    private static decimal Value(IndicatorNode leaf, IReadOnlyDictionary<string, decimal> fullMarks, double raw)
    {
        switch (leaf.Scoring)
        {
            case null:
                throw new ValidationException("indicator_code", $"{leaf.Code} has indicators under it and is scored by them; mark its leaves");
            case IndicatorScoring.Derived:
                throw new ValidationException("indicator_code", $"{leaf.Code} is derived from {leaf.Source} events and cannot be marked by hand");
        }
        var max = ScoreSheet.MaxValue(leaf, fullMarks[leaf.Code]);
        var shown = raw.ToString(CultureInfo.InvariantCulture);
        if (double.IsNaN(raw) || raw < 0 || raw > (double)max)
        {
            throw new ValidationException("value", leaf.Scoring == IndicatorScoring.Manual
                ? $"must be between 0 and the {max.ToString("0.##", CultureInfo.InvariantCulture)} points {leaf.Code} is worth, got {shown}"
                : $"the count must be between 0 and {max.ToString("0", CultureInfo.InvariantCulture)}, got {shown}");
        }
        var value = (decimal)raw;
        var decimals = leaf.Scoring == IndicatorScoring.Manual ? 2 : 0;
        if (decimal.Round(value, decimals) != value)
        {
            throw new ValidationException("value", decimals == 2 ? $"may have at most two decimals, got {shown}" : $"the count must be a whole number, got {shown}");
        }
        return value;
    }
}
