using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Planning.Module.Features.ImportPlanDocument;

/// <summary>
/// Brings a notice's text as it arrives (often scraped from a web page) to the form the parser and the unit
/// matcher expect: pinyin annotations such as 辦發(fā) removed, Traditional characters converted to Simplified with
/// OpenCC's tables (phrases first, longest match, then single characters), and punctuation normalised to the
/// full-width forms of Chinese text (letters and digits to half-width). Only the parse works on the result; the
/// caller keeps the text that was sent.
/// </summary>
public static partial class NoticeText
{
    private static readonly Lazy<Tables> Loaded = new(Load);

    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stripped = BracketAfterHanzi().Replace(text, m => IsPinyinReading(m.Groups["reading"].Value) ? string.Empty : m.Value);
        return NormalizePunctuation(ToSimplified(stripped));
    }

    /// <summary>OpenCC's t2s conversion: at each position the longest phrase of TSPhrases wins, else the character's first reading.</summary>
    public static string ToSimplified(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tables = Loaded.Value;
        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var matched = false;
            for (var length = Math.Min(tables.LongestPhrase, text.Length - i); length >= 2; length--)
            {
                if (tables.Phrases.TryGetValue(text.Substring(i, length), out var phrase))
                {
                    result.Append(phrase);
                    i += length;
                    matched = true;
                    break;
                }
            }
            if (matched)
            {
                continue;
            }
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            var character = text.Substring(i, width);
            result.Append(tables.Characters.TryGetValue(character, out var simplified) ? simplified : character);
            i += width;
        }
        return result.ToString();
    }

    /// <summary>
    /// ASCII punctuation written after a Chinese character becomes its full-width form (the parser and the unit lists
    /// split on those), brackets become full-width unless they follow a Latin letter or digit, corner quotes
    /// become curly quotes, and full-width letters, digits and spaces become half-width.
    /// </summary>
    public static string NormalizePunctuation(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new StringBuilder(text.Length);
        var opened = new Stack<bool>();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var previous = i > 0 ? text[i - 1] : '\n';
            if (c is '\n' or '\r')
            {
                opened.Clear();
            }
            switch (c)
            {
                case ',' or ';' or ':' or '!' or '?' when IsChinese(previous) || IsFullWidthClose(previous):
                    result.Append((char)(c + 0xFEE0));
                    break;
                case '(':
                    // f(x) stays; a bracket opened in Chinese text is closed in the same form.
                    var chinese = !char.IsAsciiLetterOrDigit(previous);
                    opened.Push(chinese);
                    result.Append(chinese ? '（' : '(');
                    break;
                case ')':
                    result.Append((opened.Count > 0 ? opened.Pop() : !char.IsAscii(previous)) ? '）' : ')');
                    break;
                case '「':
                    result.Append('“');
                    break;
                case '」':
                    result.Append('”');
                    break;
                case '『':
                    result.Append('‘');
                    break;
                case '』':
                    result.Append('’');
                    break;
                case '\u00A0':
                    result.Append(' ');
                    break;
                case >= 'Ａ' and <= 'Ｚ' or >= 'ａ' and <= 'ｚ' or >= '０' and <= '９':
                    result.Append((char)(c - 0xFEE0));
                    break;
                default:
                    result.Append(c);
                    break;
            }
        }
        return result.ToString();
    }

    private static bool IsChinese(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or '〕' or '》' or '”';

    private static bool IsFullWidthClose(char c) => c is '）' or '】' or '］';

    private static Tables Load()
    {
        var phrases = Read("TSPhrases.txt");
        return new Tables(Read("TSCharacters.txt"), phrases, phrases.Keys.Select(k => k.Length).DefaultIfEmpty(1).Max());
    }

    private static Dictionary<string, string> Read(string name)
    {
        using var stream = typeof(NoticeText).Assembly.GetManifestResourceStream("Platform.Planning.Module.OpenCC." + name)
            ?? throw new InvalidOperationException($"The OpenCC table {name} is not embedded in the planning module.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                continue;
            }
            // Several readings are listed by preference; OpenCC itself takes the first.
            var values = line[(tab + 1)..];
            var space = values.IndexOf(' ', StringComparison.Ordinal);
            table.TryAdd(line[..tab], space < 0 ? values : values[..space]);
        }
        return table;
    }

    private sealed record Tables(Dictionary<string, string> Characters, Dictionary<string, string> Phrases, int LongestPhrase);

    private const string ToneMarks = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ";

    /// <summary>
    /// A reading that reposting sites print after characters: 關(guān), 簡(jiǎn)稱(chēng), 執法（zhí fǎ）, 执法(zhi fa). Readings with tone
    /// marks are one or more syllables; toneless ones must be at least two syllables apart by spaces, each a syllable of
    /// Mandarin, so (a), (abc), (law) or an English gloss stay.
    /// </summary>
    internal static bool IsPinyinReading(string reading)
    {
        var words = reading.Split([' ', '\''], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return false;
        }
        if (reading.AsSpan().IndexOfAny(ToneMarks) >= 0)
        {
            return words.All(w => Syllables(WithoutTones(w)));
        }
        return words.Length >= 2 && words.All(w => Syllable().IsMatch(w));
    }

    /// <summary>Whether a word splits into syllables (zhífǎ, guān), longest first.</summary>
    private static bool Syllables(string word)
    {
        if (word.Length == 0)
        {
            return true;
        }
        for (var length = Math.Min(6, word.Length); length >= 1; length--)
        {
            if (Syllable().IsMatch(word[..length]) && Syllables(word[length..]))
            {
                return true;
            }
        }
        return false;
    }

    private static string WithoutTones(string word)
    {
        var plain = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            plain.Append(c switch
            {
                'ā' or 'á' or 'ǎ' or 'à' => 'a',
                'ē' or 'é' or 'ě' or 'è' => 'e',
                'ī' or 'í' or 'ǐ' or 'ì' => 'i',
                'ō' or 'ó' or 'ǒ' or 'ò' => 'o',
                'ū' or 'ú' or 'ǔ' or 'ù' => 'u',
                'ǖ' or 'ǘ' or 'ǚ' or 'ǜ' or 'ü' => 'v',
                'ń' or 'ň' or 'ǹ' => 'n',
                'ḿ' => 'm',
                _ => c,
            });
        }
        return plain.ToString();
    }

    // Lower-case letters (with tone marks), spaces and apostrophes in brackets right after a character.
    [GeneratedRegex(@"(?<=[\u3400-\u9FFF])[(（](?<reading>[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ' ]{1,60})[)）]", RegexOptions.CultureInvariant)]
    private static partial Regex BracketAfterHanzi();

    // One Mandarin syllable without tone: an initial (or none) and a final; ü written v. Interjections (ng, m, n) count too.
    [GeneratedRegex(@"^(?:(?:[bpmfdtnlgkhjqxrzcsyw]|[zcs]h)?(?:a|ai|an|ang|ao|e|ei|en|eng|er|i|ia|ian|iang|iao|ie|in|ing|iong|iu|o|ong|ou|u|ua|uai|uan|uang|ue|ui|un|uo|v|ve|van|vn)|ng|m|n|hm|hng)$", RegexOptions.CultureInvariant)]
    private static partial Regex Syllable();
}
