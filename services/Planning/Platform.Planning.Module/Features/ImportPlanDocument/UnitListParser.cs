using System.Text.RegularExpressions;

namespace Platform.Planning.Module.Features.ImportPlanDocument;

internal enum UnitRole
{
    Unspecified,
    Lead,
    Co,
}

/// <summary>A unit as listed; Group counts the "，"-separated groups of the list ("、" joins units inside one).</summary>
internal readonly record struct ListedUnit(string Text, UnitRole Role, int Group = 0);

/// <summary>The units of one unit text (a trailing parenthesis or a 责任单位 line), with the leftovers that are not units.</summary>
internal sealed record UnitList(IReadOnlyList<ListedUnit> Units, IReadOnlyList<string> TimeLimits, bool HasRoleMarkers);

/// <summary>
/// Reads texts such as 市司法局牵头，市政府各部门配合 / 牵头单位：A；配合单位：B、C / A、B、C. Explicit roles (labels,
/// 牵头/配合 after a clause) win; unmarked units take the role the others leave open; with no role anywhere the
/// first unit leads and the rest support, which is how such lists are read in practice.
/// </summary>
internal static partial class UnitListParser
{
    private const string OpenBrackets = "（(【[〔";
    private const string CloseBrackets = "）)】]〕";
    private const string UnitEndings = "局委办院厅部署会处室队所站馆社行组团心司关构府门位";

    public static UnitList Parse(string text, UnitMatcher matcher)
    {
        var items = new List<ListedUnit>();
        var timeLimits = new List<string>();
        var hasMarkers = false;
        var group = 0;
        foreach (var (segment, segmentRole, labelled) in SplitByLabels(text))
        {
            hasMarkers |= labelled;
            foreach (var rawClause in SplitTopLevel(segment, "，,；;"))
            {
                group++;
                var clause = rawClause.Trim().TrimEnd('。', '.', '：', ':').Trim();
                if (clause.StartsWith('由'))
                {
                    clause = clause[1..];
                }
                var role = segmentRole;
                Match marker;
                if ((marker = LeadSuffix().Match(clause)).Success)
                {
                    role = UnitRole.Lead;
                    hasMarkers = true;
                }
                else if ((marker = CoSuffix().Match(clause)).Success)
                {
                    role = UnitRole.Co;
                    hasMarkers = true;
                }
                else
                {
                    marker = NeutralSuffix().Match(clause);
                }
                if (marker.Success)
                {
                    clause = clause[..marker.Index];
                }
                foreach (var part in SplitTopLevel(clause, "、"))
                {
                    var name = TrailingEtc().Replace(part.Trim(), string.Empty).Trim();
                    if (name.Length == 0)
                    {
                        continue;
                    }
                    if (!IsUnitLike(name) && TimeLimit().IsMatch(name))
                    {
                        timeLimits.Add(name);
                        continue;
                    }
                    foreach (var single in SplitJoined(name, matcher))
                    {
                        items.Add(new ListedUnit(single, role, group));
                    }
                }
            }
        }
        return new UnitList(AssignRoles(items, matcher.Unmarked), timeLimits, hasMarkers);
    }

    /// <summary>Whether a bracketed remark at the end of a task is its unit list rather than an aside such as （2026年底前完成）.</summary>
    public static bool LooksLikeUnitList(UnitList list, UnitMatcher matcher) =>
        list.HasRoleMarkers
        || list.Units.Any(unit => matcher.Match(unit.Text).IsKnown)
        || (list.Units.Count > 0 && list.Units.All(unit => IsUnitLike(unit.Text)));

    /// <summary>Shape of a body's name: 市数据局, 各镇（街道）; not 2026年底前完成 or 含市区两级.</summary>
    public static bool IsUnitLike(string name)
    {
        if (name.Length is < 2 or > 40 || NotAName().IsMatch(name))
        {
            return false;
        }
        return name[0] == '各' || UnitEndings.Contains(name[^1], StringComparison.Ordinal);
    }

    public static List<string> SplitTopLevel(string text, string separators)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (OpenBrackets.Contains(c, StringComparison.Ordinal))
            {
                depth++;
            }
            else if (CloseBrackets.Contains(c, StringComparison.Ordinal))
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0 && separators.Contains(c, StringComparison.Ordinal))
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }
        parts.Add(text[start..]);
        return parts;
    }

    public static bool IsOpenBracket(char c) => OpenBrackets.Contains(c, StringComparison.Ordinal);

    public static bool IsCloseBracket(char c) => CloseBrackets.Contains(c, StringComparison.Ordinal);

    private static List<ListedUnit> AssignRoles(List<ListedUnit> items, UnmarkedUnitRule unmarked)
    {
        var hasLead = items.Any(item => item.Role == UnitRole.Lead);
        var hasCo = items.Any(item => item.Role == UnitRole.Co);
        var result = new List<ListedUnit>(items.Count);
        var firstOpen = true;
        var firstGroup = items.Count > 0 ? items[0].Group : 0;
        var byGroups = items.Any(item => item.Group != firstGroup) && items.Count(item => item.Group == firstGroup) > 1;
        foreach (var item in items)
        {
            if (item.Role != UnitRole.Unspecified)
            {
                result.Add(item);
                continue;
            }
            // With no role stated anywhere, "A、B，C" reads as the lead group A、B and the co-operating group C; a single
            // group "A、B、C" follows the usual 排在第一位的为牵头单位.
            var role = hasLead ? UnitRole.Co
                : hasCo ? UnitRole.Lead
                : unmarked == UnmarkedUnitRule.AllLead ? UnitRole.Lead
                : byGroups ? (item.Group == firstGroup ? UnitRole.Lead : UnitRole.Co)
                : firstOpen ? UnitRole.Lead : UnitRole.Co;
            firstOpen = false;
            result.Add(item with { Role = role });
        }
        return result;
    }

    private static IEnumerable<(string Segment, UnitRole Role, bool Labelled)> SplitByLabels(string text)
    {
        var labels = Label().Matches(text);
        if (labels.Count == 0)
        {
            yield return (text, UnitRole.Unspecified, false);
            yield break;
        }
        if (labels[0].Index > 0)
        {
            yield return (text[..labels[0].Index], UnitRole.Unspecified, false);
        }
        for (var i = 0; i < labels.Count; i++)
        {
            var start = labels[i].Index + labels[i].Length;
            var end = i + 1 < labels.Count ? labels[i + 1].Index : text.Length;
            yield return (text[start..end], RoleOfLabel(labels[i].Groups["label"].Value), true);
        }
    }

    private static UnitRole RoleOfLabel(string label) => label switch
    {
        _ when label.StartsWith("牵头", StringComparison.Ordinal) || label.StartsWith("主", StringComparison.Ordinal) => UnitRole.Lead,
        _ when label.StartsWith("配合", StringComparison.Ordinal) || label.StartsWith("协", StringComparison.Ordinal)
            || label.StartsWith("参与", StringComparison.Ordinal) => UnitRole.Co,
        _ => UnitRole.Unspecified,
    };

    /// <summary>
    /// 和/及 join units (市委宣传部和市委网信办) but also occur inside names (市住房和城乡建设局), so a name is split only
    /// when it is not itself known and both halves are known units, or failing that both look like unit names.
    /// </summary>
    private static List<string> SplitJoined(string name, UnitMatcher matcher) =>
        SplitTail(name, 0, matcher, new Dictionary<int, SplitParts>()).Parts;

    /// <summary>A tail split into parts, with whether all of them are known units and whether all look like units.</summary>
    private sealed record SplitParts(List<string> Parts, bool AllKnown, bool AllUnitLike);

    /// <summary>
    /// Splits the tail of <paramref name="name"/> from <paramref name="start"/> (a non-blank character; the name is trimmed).
    /// Each tail is split once and remembered, and only splits whose left part could be a name are tried: without both,
    /// the fuzz pass found lines with many 和 that took exponential, then quadratic, time.
    /// </summary>
    private static SplitParts SplitTail(string name, int start, UnitMatcher matcher, Dictionary<int, SplitParts> tails)
    {
        if (!tails.TryGetValue(start, out var split))
        {
            var parts = SplitTailOnce(name, start, matcher, tails);
            split = new SplitParts(parts, parts.All(part => matcher.Match(part).IsKnown), parts.All(IsUnitLike));
            tails[start] = split;
        }
        return split;
    }

    private static List<string> SplitTailOnce(string name, int start, UnitMatcher matcher, Dictionary<int, SplitParts> tails)
    {
        var tail = name.AsSpan(start);
        if (!matcher.LongerThanAnyName(tail) && matcher.Match(name[start..]).IsKnown)
        {
            return [name[start..]];
        }
        // A left part is a known unit or looks like one (at most 40 characters); past both lengths no split can work.
        var longest = Math.Max(40, matcher.LongestMatchable);
        var positions = new List<int>();
        var depth = 0;
        var kept = UnitMatcher.IsDropped(tail[0]) ? 0 : 1;
        for (var i = 1; i < tail.Length - 1 && kept <= longest; i++)
        {
            var c = tail[i];
            if (IsOpenBracket(c))
            {
                depth++;
            }
            else if (IsCloseBracket(c))
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0 && c is '和' or '及')
            {
                positions.Add(i);
            }
            kept += UnitMatcher.IsDropped(c) ? 0 : 1;
        }
        var candidates = new List<(string Left, int RightStart)>(positions.Count);
        foreach (var position in positions)
        {
            var right = start + position + 1;
            while (char.IsWhiteSpace(name[right]))
            {
                right++;
            }
            candidates.Add((tail[..position].Trim().ToString(), right));
        }
        foreach (var (left, rightStart) in candidates)
        {
            var right = SplitTail(name, rightStart, matcher, tails);
            if (matcher.Match(left).IsKnown && right.AllKnown)
            {
                return [left, .. right.Parts];
            }
        }
        foreach (var (left, rightStart) in candidates)
        {
            var right = SplitTail(name, rightStart, matcher, tails);
            if (IsUnitLike(left) && right.AllUnitLike)
            {
                return [left, .. right.Parts];
            }
        }
        return [name[start..]];
    }

    // A full label may be followed by a semicolon typed for the colon (责任单位;住建局、畜牧局), a bare 牵头/配合/责任 only by a colon.
    [GeneratedRegex(@"(?<label>牵头单位|牵头部门|主办单位|主责单位|责任单位|责任部门|实施单位|承办单位|配合单位|配合部门|协办单位|协同单位|参与单位)\s*[:：;；]|(?<label>牵头|配合|责任)\s*[:：]", RegexOptions.CultureInvariant)]
    private static partial Regex Label();

    [GeneratedRegex(@"(?:共同|分别|具体)?牵头(?:负责|落实|推进|实施|抓总)?$", RegexOptions.CultureInvariant)]
    private static partial Regex LeadSuffix();

    [GeneratedRegex(@"(?:共同|分别|积极|按职责)?(?:配合(?:落实|实施|推进|做好)?|参与|协助|协同(?:配合)?|协办)$", RegexOptions.CultureInvariant)]
    private static partial Regex CoSuffix();

    [GeneratedRegex(@"(?:按照?职责(?:分工)?(?:分别)?(?:负责|落实)|分工负责|分别负责|共同负责|各负其责|负责落实|抓好落实|组织实施|具体实施|负责|落实)$", RegexOptions.CultureInvariant)]
    private static partial Regex NeutralSuffix();

    [GeneratedRegex(@"等(?:有关|相关)?(?:部门|单位)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingEtc();

    [GeneratedRegex(@"[0-9０-９]{4}\s*年|年底|年内|年中|全年|季度|半年|[0-9０-９一二三四五六七八九十]+\s*个?月|月底|底前|前完成|长期|持续|常态化|每年|每季|每月", RegexOptions.CultureInvariant)]
    private static partial Regex TimeLimit();

    [GeneratedRegex(@"^(?:含|包括|如|即|指|以下|其中|特别是|主要|重点)|[。！？!?；;：:“”""]", RegexOptions.CultureInvariant)]
    private static partial Regex NotAName();
}
