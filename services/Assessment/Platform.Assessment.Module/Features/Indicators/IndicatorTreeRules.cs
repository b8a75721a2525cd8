using System.Globalization;

namespace Platform.Assessment.Module.Features.Indicators;

/// <summary>
/// Checks a year's indicator tree as the office sends it: codes unique, parents present, at most
/// three levels, no cycle, weights of 0.01–100 with at most two decimals that add up to 100 under
/// every parent (and at the top), and a scoring method on every leaf and on leaves only. An error
/// names the indicator by its field and, for a sum, the parent and the sum found.
/// </summary>
public static class IndicatorTreeRules
{
    public const int MaxLevels = 3;
    public const int MaxIndicators = 500;
    public const decimal FullWeight = 100m;

    public static readonly IReadOnlyDictionary<string, IndicatorScoring> ScoringMethods = new Dictionary<string, IndicatorScoring>(StringComparer.Ordinal)
    {
        ["manual"] = IndicatorScoring.Manual,
        ["count_against_target"] = IndicatorScoring.CountAgainstTarget,
        ["derived"] = IndicatorScoring.Derived,
    };

    /// <summary>The platform events a derived leaf may be scored from.</summary>
    public static readonly IReadOnlyList<string> Sources = DerivedSources.All;

    private static readonly IReadOnlyDictionary<string, string> SourceNames = DerivedSources.All.ToDictionary(s => s, s => s, StringComparer.Ordinal);

    public static EvaluationShares Shares(RequestValidator validator, int routine, int annual)
    {
        validator.Range("routine_share", routine, 0, 100);
        validator.Range("annual_share", annual, 0, 100);
        if (routine + annual != 100)
        {
            validator.Add("annual_share", $"and routine_share add up to {routine + annual}, must be 100");
        }
        return new EvaluationShares(routine, annual);
    }

    public static string ScoringName(IndicatorScoring scoring) => ScoringMethods.Single(m => m.Value == scoring).Key;

    public static IReadOnlyList<IndicatorNode> Validate(RequestValidator validator, IReadOnlyList<Indicator> indicators)
    {
        if (indicators.Count == 0)
        {
            validator.Add("indicators", "must hold at least one indicator");
            return [];
        }
        validator.Count("indicators", indicators.Count, MaxIndicators);

        var nodes = new List<IndicatorNode>(indicators.Count);
        var indexByCode = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < indicators.Count; i++)
        {
            var field = $"indicators[{i}]";
            var indicator = indicators[i];
            var code = validator.Required($"{field}.code", indicator.Code, 20);
            if (code.Length > 0 && !indexByCode.TryAdd(code, i))
            {
                validator.Add($"{field}.code", $"{code} is used by indicators[{indexByCode[code]}] already");
            }
            nodes.Add(new IndicatorNode
            {
                Code = code,
                ParentCode = validator.Optional($"{field}.parent_code", indicator.ParentCode, 20),
                Name = validator.Name($"{field}.name", indicator.Name, 200),
                Weight = Weight(validator, $"{field}.weight", indicator.Weight),
            });
        }
        // Every stage runs on what the earlier ones left checkable, so one answer lists every problem of the tree: a node
        // under a missing parent gets no level, a group of siblings with a refused weight or under a missing parent no sum.
        for (var i = 0; i < nodes.Count; i++)
        {
            var parent = nodes[i].ParentCode;
            if (parent is not null && !indexByCode.ContainsKey(parent))
            {
                validator.Add($"indicators[{i}].parent_code", $"names {parent}, which is not an indicator of the tree");
            }
        }
        for (var i = 0; i < nodes.Count; i++)
        {
            nodes[i].Level = Level(validator, nodes, indexByCode, i);
        }

        CheckSums(validator, nodes, indexByCode);
        var parents = nodes.Where(n => n.ParentCode is not null).Select(n => n.ParentCode!).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            CheckScoring(validator, $"indicators[{i}]", indicators[i], nodes[i], isLeaf: !parents.Contains(nodes[i].Code));
        }
        return nodes;
    }

    private static decimal Weight(RequestValidator validator, string field, double raw) => UpToHundred(validator, field, raw, "must be more than 0 and at most 100");

    /// <summary>The points one event earns or costs: 0.01–100 with two decimals at most.</summary>
    private static decimal Points(RequestValidator validator, string field, double raw) =>
        UpToHundred(validator, field, raw, "the points one event earns or costs must be more than 0 and at most 100");

    /// <summary>A value of more than 0 and at most 100 with two decimals at most (weights, points); 0 when refused.</summary>
    private static decimal UpToHundred(RequestValidator validator, string field, double raw, string range)
    {
        var shown = raw.ToString(CultureInfo.InvariantCulture);
        if (double.IsNaN(raw) || raw <= 0 || raw > (double)FullWeight)
        {
            validator.Add(field, $"{range}, got {shown}");
            return 0;
        }
        var value = (decimal)raw;
        if (decimal.Round(value, 2) != value)
        {
            validator.Add(field, $"may have at most two decimals, got {shown}");
            return 0;
        }
        return value;
    }

    /// <summary>
    /// Each leaf's full marks out of 100: the product of the weights on its path (1 → 1.1 → 1.1.1 at
    /// 60, 40, 62.5 gives 15). Exact in decimal: every weight has at most two decimals.
    /// </summary>
    public static IReadOnlyDictionary<string, decimal> FullMarks(IReadOnlyList<IndicatorNode> nodes)
    {
        var byCode = nodes.ToDictionary(n => n.Code, StringComparer.Ordinal);
        var marks = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var node in nodes.Where(n => n.Scoring is not null))
        {
            var share = node.Weight;
            for (var parent = node.ParentCode; parent is not null; parent = byCode[parent].ParentCode)
            {
                share = share * byCode[parent].Weight / FullWeight;
            }
            marks[node.Code] = share;
        }
        return marks;
    }

    /// <summary>Walks up to the top; more than three steps is too deep, coming back to the start is a cycle.</summary>
    private static int Level(RequestValidator validator, List<IndicatorNode> nodes, Dictionary<string, int> indexByCode, int index)
    {
        var level = 1;
        var current = nodes[index];
        while (current.ParentCode is not null)
        {
            if (!indexByCode.ContainsKey(current.ParentCode))
            {
                return 0; // under a missing parent, reported as such
            }
            level++;
            if (current.ParentCode == nodes[index].Code || level > nodes.Count)
            {
                validator.Add($"indicators[{index}].parent_code", $"{nodes[index].Code} is its own ancestor");
                return 0;
            }
            current = nodes[indexByCode[current.ParentCode]];
        }
        if (level > MaxLevels)
        {
            validator.Add($"indicators[{index}].parent_code", $"{nodes[index].Code} would be at level {level}; the indicator system has at most {MaxLevels} levels");
        }
        return level;
    }

    private static void CheckSums(RequestValidator validator, List<IndicatorNode> nodes, Dictionary<string, int> indexByCode)
    {
        foreach (var siblings in nodes.GroupBy(n => n.ParentCode ?? string.Empty, StringComparer.Ordinal))
        {
            if ((siblings.Key.Length > 0 && !indexByCode.ContainsKey(siblings.Key)) || siblings.Any(n => n.Weight <= 0))
            {
                continue; // the missing parent or the refused weight is reported; a sum of them would say nothing more
            }
            var sum = siblings.Sum(n => n.Weight);
            if (sum == FullWeight)
            {
                continue;
            }
            var found = sum.ToString("0.##", CultureInfo.InvariantCulture);
            if (siblings.Key.Length == 0)
            {
                validator.Add("indicators", $"the weights of the first-level indicators add up to {found}, must be 100");
            }
            else
            {
                var parentIndex = indexByCode[siblings.Key];
                validator.Add($"indicators[{parentIndex}]",
                    $"the weights of the indicators under {siblings.Key} {nodes[parentIndex].Name} add up to {found}, must be 100");
            }
        }
    }

    private static void CheckScoring(RequestValidator validator, string field, Indicator indicator, IndicatorNode node, bool isLeaf)
    {
        if (!isLeaf)
        {
            if (indicator.Scoring.Length > 0 || indicator.Target != 0 || indicator.Source.Length > 0 || indicator.Points != 0)
            {
                validator.Add($"{field}.scoring", $"{node.Code} has indicators under it and is scored by them; leave scoring, target, source and points empty");
            }
            return;
        }
        node.Scoring = validator.OneOf($"{field}.scoring", indicator.Scoring, ScoringMethods);
        if (node.Scoring == IndicatorScoring.CountAgainstTarget)
        {
            node.Target = validator.Range($"{field}.target", indicator.Target, 1, 10_000);
        }
        else if (indicator.Target != 0)
        {
            validator.Add($"{field}.target", "is for count_against_target only");
        }
        if (node.Scoring == IndicatorScoring.Derived)
        {
            node.Source = validator.OneOf($"{field}.source", indicator.Source, SourceNames);
            node.Points = Points(validator, $"{field}.points", indicator.Points);
            return;
        }
        if (indicator.Source.Length > 0)
        {
            validator.Add($"{field}.source", "is for derived only");
        }
        if (indicator.Points != 0)
        {
            validator.Add($"{field}.points", "is for derived only");
        }
    }
}

internal static class IndicatorYears
{
    public static void Check(RequestValidator validator, int year) => validator.Range("year", year, 2000, 2100);
}
