using System.Collections.Frozen;

namespace Platform.BuildingBlocks.Federation;

/// <summary>
/// The GB/T 2260 codes the platform knows (the embedded gbt2260-regions.txt): every province-level code, and every
/// prefecture-level and county-level code of the provinces listed in detail (Jiangsu). A code of a province listed in
/// detail is known only when listed; a code of another province is taken when its structure is valid, since its cities
/// and counties are not listed here.
/// </summary>
public static class RegionTable
{
    /// <summary>A listed region: its name, and the year its code was withdrawn (null while in use).</summary>
    public sealed record Region(string Code, string Name, int? WithdrawnIn);

    private static readonly FrozenDictionary<string, Region> Listed = Load();

    /// <summary>Provinces whose cities and counties are all listed (any city or county listed under it).</summary>
    private static readonly FrozenSet<string> ListedInDetail =
        Listed.Keys.Where(c => c[2..] != "0000").Select(c => c[..2]).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Why <paramref name="code"/> is not a GB/T 2260 region, or null when it is one (or may be: see the type).</summary>
    public static string? Problem(string? code)
    {
        if (code is not { Length: 6 } || !code.All(char.IsAsciiDigit))
        {
            return "行政区划代码须为 6 位 GB/T 2260 代码";
        }
        if (!Listed.ContainsKey(code[..2] + "0000"))
        {
            return $"{code} 不是 GB/T 2260 行政区划代码：{code[..2]} 不是省级行政区划";
        }
        if (ListedInDetail.Contains(code[..2]))
        {
            return Listed.ContainsKey(code) ? null : $"{code} 不是 GB/T 2260 行政区划代码：{Listed[code[..2] + "0000"].Name}没有这个地级或县级行政区划";
        }
        // Not listed in detail: a city part and a county part that GB/T 2260 can have (01–99, or 00 for the level itself).
        return code[2..4] == "00" && code[4..] != "00" ? $"{code} 不是 GB/T 2260 行政区划代码：县级代码须在地级代码之下" : null;
    }

    /// <summary>The listed region of <paramref name="code"/>, or null.</summary>
    public static Region? Find(string code) => Listed.GetValueOrDefault(code);

    /// <summary>The county-level codes in use under a listed city, in code order (empty for a city not listed in detail).</summary>
    public static IReadOnlyList<string> CountiesOf(string cityCode) =>
        [.. Listed.Values.Where(r => r.WithdrawnIn is null && r.Code[..4] == cityCode[..4] && r.Code[4..] != "00").Select(r => r.Code).Order(StringComparer.Ordinal)];

    /// <summary>The city codes listed under a province, in code order.</summary>
    public static IReadOnlyList<string> CitiesOf(string provinceCode) =>
        [.. Listed.Keys.Where(c => c[..2] == provinceCode[..2] && c[2..4] != "00" && c[4..] == "00").Order(StringComparer.Ordinal)];

    private static FrozenDictionary<string, Region> Load()
    {
        using var stream = typeof(RegionTable).Assembly.GetManifestResourceStream("Platform.BuildingBlocks.Federation.gbt2260-regions.txt")
            ?? throw new InvalidOperationException("The GB/T 2260 region table is not embedded in Platform.BuildingBlocks.");
        using var reader = new StreamReader(stream);
        var regions = new Dictionary<string, Region>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            regions.Add(parts[0], new Region(parts[0], parts[1], parts.Length > 2 ? int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture) : null));
        }
        return regions.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
