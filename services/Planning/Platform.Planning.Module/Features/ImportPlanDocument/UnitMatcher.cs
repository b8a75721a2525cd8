using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Planning.Module.Features.ImportPlanDocument;

internal enum UnitMatchKind
{
    Unknown,
    Unit,
    Group,
    Ambiguous,
}

internal sealed record UnitMatch(UnitMatchKind Kind, Guid? UnitId, Guid? GroupId, IReadOnlyList<string> Candidates)
{
    public static readonly UnitMatch Unknown = new(UnitMatchKind.Unknown, null, null, []);

    public bool IsKnown => Kind != UnitMatchKind.Unknown;
}

/// <summary>
/// Matches a unit name as printed to the node's units and catch-all groups. Lookups go in tiers (full name,
/// then short names and aliases, then forms without the node's city prefix) and stop at the first tier that
/// answers, so an exact name always beats a short form; two different answers in one tier are ambiguous.
/// </summary>
internal sealed partial class UnitMatcher
{
    private const string PartyPrefix = "中共";

    /// <summary>How this import reads a unit list with no role stated (travels with the matcher to every list read).</summary>
    public UnmarkedUnitRule Unmarked { get; }

    private readonly Dictionary<string, List<Target>>[] _tiers = [new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal)];

    public UnitMatcher(IReadOnlyList<KnownUnit> units, IReadOnlyList<KnownUnitGroup> groups, UnmarkedUnitRule unmarked = UnmarkedUnitRule.FirstLeads)
    {
        Unmarked = unmarked;
        CityPrefix = DeriveCityPrefix(units);
        foreach (var unit in units)
        {
            Register(new Target(unit.Id, IsGroup: false, unit.Name), unit.Name, unit.ShortNames);
        }
        foreach (var group in groups)
        {
            Register(new Target(group.Id, IsGroup: true, group.Name), group.Name, group.Aliases);
        }
        var longestKey = _tiers.SelectMany(t => t.Keys).Select(k => k.Length).DefaultIfEmpty(0).Max();
        LongestMatchable = longestKey + PartyPrefix.Length + (CityPrefix?.Length ?? 0);
    }

    /// <summary>No normalised text longer than this can match: the longest name, plus the prefixes a lookup strips.</summary>
    public int LongestMatchable { get; }

    /// <summary>The normalised prefix most of the node's unit names share, e.g. 南通市; null when there is none.</summary>
    public string? CityPrefix { get; }

    public UnitMatch Match(string text)
    {
        // Checked before normalising, so a long run of text costs a few dozen characters, not its whole length, per lookup.
        if (LongerThanAnyName(text))
        {
            return UnitMatch.Unknown;
        }
        var key = Normalize(text);
        if (key.Length == 0)
        {
            return UnitMatch.Unknown;
        }
        var found = new List<Target>();
        for (var tier = 0; tier < _tiers.Length; tier++)
        {
            found.Clear();
            IReadOnlyList<string> keys = tier < 2 ? [key] : Variants(key);
            foreach (var candidateKey in keys)
            {
                if (_tiers[tier].TryGetValue(candidateKey, out var targets))
                {
                    foreach (var target in targets)
                    {
                        if (!found.Contains(target))
                        {
                            found.Add(target);
                        }
                    }
                }
            }
            if (found.Count == 1)
            {
                var target = found[0];
                return target.IsGroup
                    ? new UnitMatch(UnitMatchKind.Group, null, target.Id, [target.Name])
                    : new UnitMatch(UnitMatchKind.Unit, target.Id, null, [target.Name]);
            }
            if (found.Count > 1)
            {
                return new UnitMatch(UnitMatchKind.Ambiguous, null, null, found.Select(t => t.Name).ToList());
            }
        }
        return UnitMatch.Unknown;
    }

    /// <summary>Whether <paramref name="text"/>, normalised, is longer than <see cref="LongestMatchable"/>; reads at most that many characters past the dropped ones.</summary>
    public bool LongerThanAnyName(ReadOnlySpan<char> text)
    {
        var kept = 0;
        foreach (var c in text)
        {
            if (!IsDropped(c) && ++kept > LongestMatchable)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The characters <see cref="Normalize"/> leaves out.</summary>
    public static bool IsDropped(char c) => char.IsWhiteSpace(c) || c is '\u200B' or '\u200C' or '\u200D' or '\uFEFF';

    /// <summary>Full-width to half-width, no spaces of any kind, lower-case Latin: the form names are compared in.</summary>
    public static string Normalize(string text)
    {
        // Folding the full-width ASCII block by hand is all that unit names need, and several times faster than NFKC.
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (IsDropped(c))
            {
                continue;
            }
            var folded = c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c;
            builder.Append(char.IsAsciiLetterUpper(folded) ? char.ToLowerInvariant(folded) : folded);
        }
        return builder.ToString();
    }

    private void Register(Target target, string name, IReadOnlyList<string> shortForms)
    {
        var normalizedName = Normalize(name);
        Add(0, normalizedName, target);
        foreach (var variant in Variants(normalizedName))
        {
            Add(2, variant, target);
        }
        foreach (var shortForm in shortForms)
        {
            var normalized = Normalize(shortForm);
            Add(1, normalized, target);
            foreach (var variant in Variants(normalized))
            {
                Add(2, variant, target);
            }
        }
    }

    private void Add(int tier, string key, Target target)
    {
        if (key.Length == 0)
        {
            return;
        }
        if (!_tiers[tier].TryGetValue(key, out var targets))
        {
            _tiers[tier][key] = targets = [];
        }
        if (!targets.Contains(target))
        {
            targets.Add(target);
        }
    }

    /// <summary>南通市司法局 also answers to 市司法局 and 司法局; 中共南通市委宣传部 also to 南通市委宣传部 and 市委宣传部.</summary>
    private List<string> Variants(string key)
    {
        var variants = new List<string> { key };
        if (key.StartsWith(PartyPrefix, StringComparison.Ordinal) && key.Length > PartyPrefix.Length + 1)
        {
            variants.Add(key[PartyPrefix.Length..]);
        }
        if (CityPrefix is { } prefix)
        {
            foreach (var variant in variants.ToArray())
            {
                if (variant.StartsWith(prefix, StringComparison.Ordinal) && variant.Length > prefix.Length + 1)
                {
                    var rest = variant[prefix.Length..];
                    variants.Add(prefix[^1] + rest);
                    variants.Add(rest);
                }
            }
        }
        return variants;
    }

    private static string? DeriveCityPrefix(IReadOnlyList<KnownUnit> units)
    {
        // The node's own departments dominate its unit list, while each lower government has a prefix of its own,
        // so the most frequent prefix is the node's; a tie means there is no clear one and none is assumed.
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var unit in units)
        {
            var match = RegionPrefix().Match(Normalize(unit.Name));
            if (match.Success)
            {
                var prefix = match.Groups["prefix"].Value;
                counts[prefix] = counts.GetValueOrDefault(prefix) + 1;
            }
        }
        var ranked = counts.OrderByDescending(pair => pair.Value).Take(2).ToList();
        if (ranked.Count == 0 || ranked[0].Value < 2 || (ranked.Count == 2 && ranked[1].Value == ranked[0].Value))
        {
            return null;
        }
        return ranked[0].Key;
    }

    [GeneratedRegex(@"^(?:中共)?(?<prefix>[\u4E00-\u9FFF-[市县区省]][\u4E00-\u9FFF]{0,5}?[省市县区])", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPrefix();

    private sealed record Target(Guid Id, bool IsGroup, string Name);
}
