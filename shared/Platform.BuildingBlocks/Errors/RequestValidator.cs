using System.Globalization;
using System.Text;

namespace Platform.BuildingBlocks.Errors;

/// <summary>
/// Collects every problem of a request before failing, so a caller learns about all bad
/// fields at once. Field names are the proto (snake_case) names the caller sent.
/// </summary>
public sealed class RequestValidator
{
    private readonly List<FieldViolation> _violations = [];

    public bool IsValid => _violations.Count == 0;

    public IReadOnlyList<FieldViolation> Violations => _violations;

    public RequestValidator Add(string field, string description)
    {
        _violations.Add(new FieldViolation(field, description));
        return this;
    }

    /// <summary>A problem a person meets in the console: also said in Chinese, with a reason code (UPPER_SNAKE_CASE).</summary>
    public RequestValidator Add(string field, string description, string reason, string chinese)
    {
        _violations.Add(new FieldViolation(field, description, reason, chinese));
        return this;
    }

    public string Required(string field, string? value, int maxLength = 500)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            Add(field, "must not be empty");
        }
        else if (trimmed.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters, got {trimmed.Length}");
        }
        return trimmed;
    }

    /// <summary>
    /// A name or title: required, at most <paramref name="maxLength"/> characters, and nothing invisible in it (see <see cref="NameProblem"/>).
    /// </summary>
    public string Name(string field, string? value, int maxLength = 500)
    {
        var trimmed = Required(field, value, maxLength);
        if (NameProblem(trimmed) is { } problem)
        {
            Add(field, problem);
        }
        return trimmed;
    }

    /// <summary>
    /// The one rule for names and titles (units, people, plans, tasks, files): no control characters (NUL, line breaks),
    /// no bidirectional controls (U+202E shows "报告[U+202E]fdp.exe" as "报告exe.pdf") and no zero-width or other
    /// invisible format characters, with which two different names look the same.
    /// </summary>
    public static string? NameProblem(string value)
    {
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return "is not valid Unicode text";
            }
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                || IsDefaultIgnorable(rune.Value))
            {
                return $"must not contain the invisible or control character U+{rune.Value:X4}";
            }
            rest = rest[consumed..];
        }
        return null;
    }

    /// <summary>
    /// Unicode's Default_Ignorable_Code_Point: drawn as nothing, whatever their category. Beyond the format characters
    /// these are the combining grapheme joiner (U+034F), the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0), the
    /// Khmer inherent vowels (U+17B4, U+17B5), the Mongolian and other variation selectors (U+180B–U+180F, U+FE00–U+FE0F,
    /// U+E0100–U+E01EF) and the unassigned ranges reserved as ignorable.
    /// </summary>
    private static bool IsDefaultIgnorable(int c) => c switch
    {
        0x00AD or 0x034F or 0x061C or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x3164 or 0xFEFF or 0xFFA0 => true,
        >= 0x180B and <= 0x180F => true,
        >= 0x200B and <= 0x200F => true,
        >= 0x202A and <= 0x202E => true,
        >= 0x2060 and <= 0x206F => true,
        >= 0xFE00 and <= 0xFE0F => true,
        >= 0xFFF0 and <= 0xFFF8 => true,
        >= 0x1BCA0 and <= 0x1BCA3 => true,
        >= 0x1D173 and <= 0x1D17A => true,
        >= 0xE0000 and <= 0xE0FFF => true,
        _ => false,
    };

    /// <summary>The rule for free text (descriptions, comments, answers): line breaks and tabs are text, other control characters are not.</summary>
    public static string? TextProblem(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return $"must not contain the control character U+{(int)c:X4}";
            }
            if (char.IsHighSurrogate(c) && (i + 1 == value.Length || !char.IsLowSurrogate(value[++i])) || char.IsLowSurrogate(c))
            {
                return "is not valid Unicode text";
            }
        }
        return null;
    }

    /// <summary>A list with at most <paramref name="max"/> items.</summary>
    public int Count(string field, int count, int max)
    {
        if (count > max)
        {
            Add(field, $"must have at most {max} items, got {count}");
        }
        return count;
    }

    public Guid Id(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "must not be empty");
            return Guid.Empty;
        }
        if (!Guid.TryParse(value, out var id))
        {
            Add(field, $"'{Truncate(value)}' is not a valid id");
            return Guid.Empty;
        }
        return id;
    }

    public DateOnly Date(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "must not be empty; expected a date as YYYY-MM-DD");
            return default;
        }
        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Add(field, $"'{Truncate(value)}' is not a date; expected YYYY-MM-DD");
            return default;
        }
        return date;
    }

    public int Range(string field, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            Add(field, $"must be between {min} and {max}, got {value}");
        }
        return value;
    }

    public T OneOf<T>(string field, string? value, IReadOnlyDictionary<string, T> allowed)
    {
        if (value is not null && allowed.TryGetValue(value.Trim(), out var parsed))
        {
            return parsed;
        }
        Add(field, $"must be one of {string.Join(", ", allowed.Keys)}");
        return default!;
    }

    /// <summary>Text the caller may leave out: trimmed, at most <paramref name="maxLength"/> characters; null when empty.</summary>
    public string? Optional(string field, string? value, int maxLength = 500)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters, got {trimmed.Length}");
        }
        return trimmed.Length == 0 ? null : trimmed;
    }

    /// <summary>A choice the caller may leave out: null when empty, otherwise one of <paramref name="allowed"/>.</summary>
    public string? OptionalOneOf(string field, string? value, IReadOnlyCollection<string> allowed)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var trimmed = value.Trim();
        if (!allowed.Contains(trimmed))
        {
            Add(field, $"must be one of {string.Join(", ", allowed)}");
        }
        return trimmed;
    }

    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new ValidationException(_violations.ToArray());
        }
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
