using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Notification.Module.Features.Documents;

/// <summary>
/// The template syntax operators write: {{name}} is replaced by the value of that field.
/// Nothing else is special, so a template cannot run code or reach data it was not given.
/// </summary>
public static partial class TemplateText
{
    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex Placeholder();

    /// <summary>The placeholder names a template uses, in order of first use.</summary>
    public static IReadOnlyList<string> PlaceholdersOf(string template) =>
        [.. Placeholder().Matches(template).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    /// <summary>Placeholders of the template that <paramref name="known"/> does not offer.</summary>
    public static IReadOnlyList<string> Unknown(string template, IReadOnlyCollection<string> known) =>
        [.. PlaceholdersOf(template).Where(name => !known.Contains(name))];

    /// <summary>Whether braces are left that are not a whole placeholder ("{{unit_name}" or "{{ }}").</summary>
    public static bool HasStrayBraces(string template)
    {
        var rest = Placeholder().Replace(template, match => match.Groups[1].Value.Length == 0 ? "{{" : string.Empty);
        return rest.Contains("{{", StringComparison.Ordinal) || rest.Contains("}}", StringComparison.Ordinal);
    }

    public static string Render(string template, IReadOnlyDictionary<string, string> values)
    {
        var result = new StringBuilder(template.Length + 64);
        var last = 0;
        foreach (Match match in Placeholder().Matches(template))
        {
            result.Append(template, last, match.Index - last);
            result.Append(values.TryGetValue(match.Groups[1].Value, out var value) ? value : string.Empty);
            last = match.Index + match.Length;
        }
        result.Append(template, last, template.Length - last);
        return result.ToString();
    }
}
