using System.Text.Json;

namespace Platform.Benchmarks.Kit;

/// <summary>
/// A program's results: the rows of the `| figure | value |` table it prints for a reader, and the
/// numeric figures (snake_case name, value, unit) the harness puts in docs/benchmarks.json. When the
/// harness runs the program it names a file in <see cref="FileVariable"/>; <see cref="Print"/> writes
/// the numeric figures there as a JSON list of {"name","value","unit"}.
/// </summary>
public sealed class Figures
{
    public const string FileVariable = "PLATFORM_BENCHMARK_FIGURES";

    private readonly List<(string Figure, string Value)> _rows = [];
    private readonly List<Measurement> _values = [];

    public IReadOnlyList<Measurement> Values => _values;

    /// <summary>A row of the printed table.</summary>
    public void Row(string figure, string value)
    {
        lock (_rows)
        {
            _rows.Add((figure, value));
        }
    }

    /// <summary>A number for docs/benchmarks.json (NaN and infinities are left out).</summary>
    public void Value(string name, double value, string unit)
    {
        if (!double.IsFinite(value))
        {
            return;
        }
        lock (_values)
        {
            _values.RemoveAll(v => v.Name == name);
            _values.Add(new Measurement(name, Math.Round(value, 3), unit));
        }
    }

    /// <summary>Prints the table and, when the harness asked for them, writes the numeric figures.</summary>
    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("| figure | value |");
        output.WriteLine("|---|---|");
        foreach (var (figure, value) in _rows)
        {
            output.WriteLine($"| {figure} | {value} |");
        }
        if (Environment.GetEnvironmentVariable(FileVariable) is { Length: > 0 } path)
        {
            File.WriteAllText(path, JsonSerializer.Serialize(_values, JsonOptions));
        }
    }

    public static IReadOnlyList<Measurement> Read(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<List<Measurement>>(File.ReadAllText(path), JsonOptions) ?? [] : [];

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };
}

public sealed record Measurement(string Name, double Value, string Unit);
