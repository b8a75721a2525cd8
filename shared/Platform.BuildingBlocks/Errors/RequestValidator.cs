using System.Globalization;

namespace Platform.BuildingBlocks.Errors;

/// <summary>
/// Collects every problem of a request before failing, so a caller learns about all bad
/// fields at once. Field names are the proto (snake_case) names the caller sent.
/// </summary>
public sealed class RequestValidator
{
    private readonly List<FieldViolation> _violations = [];

    public bool IsValid => _violations.Count == 0;

    public RequestValidator Add(string field, string description)
    {
        _violations.Add(new FieldViolation(field, description));
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
