using System.Globalization;
using System.Text;

namespace Platform.Benchmarks.Reporting;

/// <summary>What the generated part of docs/benchmarks.md says about the run besides its figures.</summary>
public sealed record RunInfo(
    DateTimeOffset Started,
    TimeSpan Duration,
    string Machine,
    string Mode,
    string DataSet,
    string Load,
    IReadOnlyList<string> Notes);

/// <summary>A scenario's own lines under the figures table (what it did, what it checked, its output).</summary>
public sealed record Section(string Title, IReadOnlyList<string> Lines);

/// <summary>
/// The generated part of docs/benchmarks.md. It lives between two markers; everything outside them
/// (the per-service sections and their hand-written analysis) is kept as it is.
/// </summary>
public static class MarkdownReport
{
    public const string StartMarker = "<!-- benchmarks:generated:start (scripts/benchmarks.sh writes this part; edit below the end marker) -->";
    public const string EndMarker = "<!-- benchmarks:generated:end -->";

    public static string Generate(RunInfo run, IReadOnlyList<Figure> figures, IReadOnlyList<Section> sections)
    {
        var text = new StringBuilder();
        text.AppendLine("## Latest run of the harness");
        text.AppendLine();
        text.AppendLine(Invariant($"Written by `scripts/benchmarks.sh` ({run.Mode}) on {run.Started:yyyy-MM-dd HH:mm} UTC; the run took {run.Duration.TotalMinutes:F1} min."));
        text.AppendLine();
        text.AppendLine($"- **Machine:** {run.Machine}");
        text.AppendLine($"- **Data set:** {run.DataSet}");
        text.AppendLine($"- **Load:** {run.Load}");
        foreach (var note in run.Notes)
        {
            text.AppendLine($"- {note}");
        }
        text.AppendLine();
        text.AppendLine("| figure | value | unit | target | met |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var figure in figures)
        {
            var value = figure.Value is { } v ? Format(v) : "not measured";
            var met = figure.Met switch { true => "met", false => "**not met**", null => "" };
            var note = figure.Note.Length > 0 ? $" ({figure.Note})" : string.Empty;
            text.AppendLine($"| `{figure.Name}` | {value}{note} | {figure.Unit} | {figure.Target?.ToString() ?? ""} | {met} |");
        }
        foreach (var section in sections)
        {
            text.AppendLine();
            text.AppendLine($"### {section.Title}");
            text.AppendLine();
            foreach (var line in section.Lines)
            {
                text.AppendLine(line);
            }
        }
        return text.ToString();
    }

    /// <summary>The document with its generated part replaced, or inserted under the title when it has none yet.</summary>
    public static string Merge(string document, string generated)
    {
        var block = StartMarker + "\n" + generated.TrimEnd('\n') + "\n" + EndMarker;
        var start = document.IndexOf(StartMarker, StringComparison.Ordinal);
        var end = document.IndexOf(EndMarker, StringComparison.Ordinal);
        if (start >= 0 && end > start)
        {
            return document[..start] + block + document[(end + EndMarker.Length)..];
        }
        if (start >= 0 || end >= 0)
        {
            throw new InvalidOperationException("docs/benchmarks.md has only one of the generated part's markers; restore both or remove both");
        }
        var title = document.IndexOf('\n');
        if (document.StartsWith("# ", StringComparison.Ordinal) && title > 0)
        {
            return document[..(title + 1)] + "\n" + block + "\n" + document[(title + 1)..];
        }
        return "# Benchmarks\n\n" + block + "\n\n" + document;
    }

    public static string Format(double value) => Math.Abs(value) switch
    {
        0 => "0",
        >= 100 => value.ToString("#,0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.0", CultureInfo.InvariantCulture),
        >= 1 => value.ToString("0.00", CultureInfo.InvariantCulture),
        _ => value.ToString("0.000", CultureInfo.InvariantCulture),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
