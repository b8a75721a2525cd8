using System.Text;
using System.Text.RegularExpressions;

namespace Platform.BuildingBlocks.Documents.Spreadsheets;

/// <summary>Makes user-typed text safe to store in a cell.</summary>
internal static partial class CellText
{
    /// <summary>Excel refuses to open a file whose cell holds more characters than this.</summary>
    public const int MaxLength = 32_767;

    /// <summary>
    /// Drops the characters XML 1.0 forbids (control characters, lone surrogates, U+FFFE/U+FFFF),
    /// turns CR and CRLF into the LF Excel uses for line breaks, truncates to <see cref="MaxLength"/>
    /// and escapes text that Excel would otherwise decode as an <c>_xHHHH_</c> character escape.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var cleaned = NeedsCleaning(text) ? Rebuild(text) : text;
        if (cleaned.Length > MaxLength)
        {
            // Never leave half of a surrogate pair at the cut.
            var cut = char.IsHighSurrogate(cleaned[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
            cleaned = cleaned[..cut];
        }

        return cleaned.Contains("_x", StringComparison.Ordinal)
            ? ExcelEscape().Replace(cleaned, "_x005F_")
            : cleaned;
    }

    private static bool NeedsCleaning(string text)
    {
        foreach (var c in text)
        {
            if ((c < 0x20 && c != '\t' && c != '\n') || c == '\r' || char.IsSurrogate(c) || c >= 0xFFFE)
            {
                return true;
            }
        }

        return false;
    }

    private static string Rebuild(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 >= text.Length || text[i + 1] != '\n')
                {
                    builder.Append('\n');
                }
            }
            else if (c is '\t' or '\n' || (c >= 0x20 && c < 0xD800) || (c >= 0xE000 && c < 0xFFFE))
            {
                builder.Append(c);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[i + 1]);
                i++;
            }
        }

        return builder.ToString();
    }

    // Excel reads "_x0041_" in a cell as "A"; writing its underscore as "_x005F_" keeps the text literal.
    [GeneratedRegex("_(?=x[0-9A-Fa-f]{4}_)", RegexOptions.CultureInvariant)]
    private static partial Regex ExcelEscape();
}
