using Platform.Assessment.Module.Features.Indicators;
using Platform.BuildingBlocks.Grpc;

namespace Platform.Assessment.Module.Features.Scores;

/// <summary>
/// A unit's score for a year, computed from the year's tree, the unit's facts and the office's marks
/// whenever it is asked for (ADR 0015): nothing derived is stored, so a changed tree or a late event
/// is reflected at once. Leaf scores are rounded to two decimals; the totals add the rounded leaves.
/// </summary>
public static class ScoreSheet
{
    private const decimal MaxCount = 100_000;

    public static UnitScore Compute(
        Domain.IndicatorSystem system, Domain.AssessmentUnit unit, IReadOnlyList<UnitFact> facts, IReadOnlyList<RecordedScore> marks,
        IReadOnlyList<Domain.Appeal> upheld, bool showConfidential)
    {
        var factsBySource = facts.ToLookup(f => f.Source, StringComparer.Ordinal);
        return Sheet(system, unit, (leaf, full, line) => Derived(leaf, full, factsBySource[leaf.Source!], line, showConfidential), marks, upheld);
    }

    /// <summary>
    /// The same score from the number of occurrences of each source (facts sharing a subject are one)
    /// instead of the facts: what a ranking of every unit needs, without loading a year's facts. A
    /// derived leaf's score depends only on that number (earned up to, or deducted down from, the full marks).
    /// </summary>
    public static UnitScore Totals(
        Domain.IndicatorSystem system, Domain.AssessmentUnit unit, IReadOnlyDictionary<string, int> occurrences, IReadOnlyList<RecordedScore> marks,
        IReadOnlyList<Domain.Appeal> upheld) =>
        Sheet(system, unit, (leaf, full, line) => DerivedFromCount(leaf, full, occurrences.GetValueOrDefault(leaf.Source!), line), marks, upheld);

    private static UnitScore Sheet(
        Domain.IndicatorSystem system, Domain.AssessmentUnit unit, Func<IndicatorNode, decimal, LeafScore, decimal> derived,
        IReadOnlyList<RecordedScore> marks, IReadOnlyList<Domain.Appeal> upheld)
    {
        var fullMarks = IndicatorTreeRules.FullMarks(system.Indicators);
        var score = new UnitScore { Year = system.Year, UnitId = unit.Id.ToString(), UnitName = unit.Name };
        decimal routine = 0, annual = 0;
        foreach (var leaf in system.Indicators.Where(n => n.Scoring is not null))
        {
            var full = fullMarks[leaf.Code];
            var line = new LeafScore
            {
                Code = leaf.Code, Name = leaf.Name, Scoring = IndicatorTreeRules.ScoringName(leaf.Scoring!.Value), FullMarks = (double)Round(full),
            };
            decimal r, a;
            if (leaf.Scoring == IndicatorScoring.Derived)
            {
                r = a = derived(leaf, full, line);
            }
            else
            {
                (r, a) = (Marked(leaf, full, marks, Evaluation.Routine, v => line.RoutineValue = v), Marked(leaf, full, marks, Evaluation.Annual, v => line.AnnualValue = v));
            }
            // An upheld appeal moves the leaf in both evaluations, never below 0 or above its full marks.
            var appeals = upheld.Where(u => u.IndicatorCode == leaf.Code).OrderBy(u => u.Decided!.At).ToList();
            if (appeals.Count > 0)
            {
                var adjustment = appeals.Sum(u => u.Adjustment);
                (r, a) = (Math.Clamp(r + adjustment, 0, Round(full)), Math.Clamp(a + adjustment, 0, Round(full)));
                line.Appeals.AddRange(appeals.Select(AppealMapping.ToProto));
            }
            (line.Routine, line.Annual) = ((double)r, (double)a);
            routine += r;
            annual += a;
            score.Leaves.Add(line);
        }
        score.Routine = (double)routine;
        score.Annual = (double)annual;
        score.Combined = (double)Combine(routine, annual, system);
        return score;
    }

    /// <summary>routine × routine share + annual × annual share, over 100, to two decimals.</summary>
    public static decimal Combine(decimal routine, decimal annual, Domain.IndicatorSystem system) =>
        Round((routine * system.RoutineShare + annual * system.AnnualShare) / 100m);

    /// <summary>The largest value a mark may have on a leaf: its full marks (manual), or a count.</summary>
    public static decimal MaxValue(IndicatorNode leaf, decimal full) => leaf.Scoring == IndicatorScoring.Manual ? Round(full) : MaxCount;

    /// <summary>
    /// One point per occurrence (facts sharing a subject are one), oldest first: earned up to the full
    /// marks or deducted down to 0; once the bound is reached further occurrences are listed at 0.
    /// </summary>
    private static decimal Derived(IndicatorNode leaf, decimal full, IEnumerable<UnitFact> facts, LeafScore line, bool showConfidential)
    {
        var earns = DerivedSources.Earns(leaf.Source!);
        var per = leaf.Points ?? 0;
        var score = earns ? 0m : full;
        line.Source = leaf.Source!;
        line.PointsPerEvent = (double)per;
        var occurrences = facts.GroupBy(f => f.Subject, StringComparer.Ordinal)
            .Select(g => g.OrderBy(f => f.OccurredOn).ThenBy(f => f.Id).ToList())
            .OrderBy(g => g[0].OccurredOn).ThenBy(g => g[0].Id);
        foreach (var events in occurrences)
        {
            var applied = earns ? Math.Min(per, full - score) : -Math.Min(per, score);
            score += applied;
            var point = new ScorePoint
            {
                Subject = events[0].Subject,
                Detail = showConfidential || !DerivedSources.IsConfidential(leaf.Source!) ? events[0].Detail : string.Empty,
                Points = (double)applied,
            };
            point.Events.AddRange(events.Select(f => new ScoreEvent { EventId = f.EventId.ToString(), EventKind = f.EventKind, OccurredOn = f.OccurredOn.ToWire() }));
            line.Points.Add(point);
        }
        return Round(score);
    }

    private static decimal DerivedFromCount(IndicatorNode leaf, decimal full, int occurrences, LeafScore line)
    {
        var per = leaf.Points ?? 0;
        line.Source = leaf.Source!;
        line.PointsPerEvent = (double)per;
        return Round(DerivedSources.Earns(leaf.Source!) ? Math.Min(full, occurrences * per) : Math.Max(0, full - (occurrences * per)));
    }

    private static decimal Marked(IndicatorNode leaf, decimal full, IReadOnlyList<RecordedScore> marks, Evaluation evaluation, Action<double> show)
    {
        var mark = marks.FirstOrDefault(m => m.IndicatorCode == leaf.Code && m.Evaluation == evaluation);
        if (mark is null)
        {
            return 0;
        }
        show((double)mark.Value);
        return leaf.Scoring == IndicatorScoring.Manual
            ? Math.Min(mark.Value, full)
            : Round(full * Math.Min(mark.Value, leaf.Target!.Value) / leaf.Target!.Value);
    }

    private static decimal Round(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);
}
