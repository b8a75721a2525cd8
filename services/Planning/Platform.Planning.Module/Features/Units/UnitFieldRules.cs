using System.Text.RegularExpressions;

namespace Platform.Planning.Module.Features.Units;

/// <summary>A unit's fields and their checks, shared by CreateUnit, ListUnits and the CSV import.</summary>
public static partial class UnitFieldRules
{
    public static readonly IReadOnlyDictionary<string, UnitKind> Kinds = new Dictionary<string, UnitKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["government"] = UnitKind.Government,
        ["department"] = UnitKind.Department,
    };

    internal sealed record UnitFields(string Name, string ShortName, UnitKind Kind, string RegionCode, List<string> Aliases, Domain.Liaison Liaison);

    /// <summary>The checks shared by the API and the CSV import; <paramref name="prefix"/> names the row in the import.</summary>
    internal static UnitFields ValidateFields(
        RequestValidator validator, string prefix, string? name, string? shortName, string? kind, string? regionCode,
        IEnumerable<string> aliases, Contracts.Planning.V1.Liaison? liaison)
    {
        var validName = validator.Name(prefix + "name", name, 200);
        var validShort = string.IsNullOrWhiteSpace(shortName) ? validName : validator.Name(prefix + "short_name", shortName, 100);
        var validKind = validator.OneOf(prefix + "kind", kind, Kinds);
        var region = regionCode?.Trim() ?? string.Empty;
        if (!RegionCode().IsMatch(region))
        {
            validator.Add(prefix + "region_code", "must be a six-digit GB/T 2260 division code, for example 320600");
        }
        var validAliases = aliases.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).ToList();
        for (var i = 0; i < validAliases.Count; i++)
        {
            if (RequestValidator.NameProblem(validAliases[i]) is { } aliasProblem)
            {
                validator.Add($"{prefix}aliases[{i}]", aliasProblem);
            }
        }
        var contact = Domain.Liaison.None;
        if (liaison is not null)
        {
            var email = liaison.Email?.Trim() ?? string.Empty;
            if (email.Length > 0 && !email.Contains('@', StringComparison.Ordinal))
            {
                validator.Add(prefix + "liaison.email", "is not an e-mail address");
            }
            var phone = liaison.Phone?.Trim() ?? string.Empty;
            if (phone.Length > 0 && !Phone().IsMatch(phone))
            {
                validator.Add(prefix + "liaison.phone", "must contain digits only, with optional '-' or '+'");
            }
            contact = new Domain.Liaison(liaison.Name?.Trim() ?? string.Empty, phone, email);
        }
        return new UnitFields(validName, validShort, validKind, region, validAliases, contact);
    }

    /// <summary>
    /// The start that the region codes under a division code share (GB/T 2260: 32 province, 3206 city, 320602 county):
    /// a filter by a city finds its counties' units too.
    /// </summary>
    public static string RegionPrefix(RequestValidator validator, string field, string regionCode)
    {
        var code = regionCode.Trim();
        if (!RegionCode().IsMatch(code))
        {
            validator.Add(field, "must be a six-digit GB/T 2260 division code, for example 320600");
            return code;
        }
        while (code.Length > 2 && code.EndsWith("00", StringComparison.Ordinal))
        {
            code = code[..^2];
        }
        return code;
    }

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex RegionCode();

    [GeneratedRegex(@"^\+?[0-9][0-9\- ]{4,19}$")]
    private static partial Regex Phone();
}
