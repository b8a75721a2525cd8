using System.Text.Json;

namespace Platform.Federation.Benchmark;

/// <summary>
/// The program's results: the rows of the `| figure | value |` table it prints, and the numeric figures (snake_case
/// name, value, unit) the harness reads from the file named in <c>PLATFORM_BENCHMARK_FIGURES</c> when it runs the
/// program, a JSON list of {"name","value","unit"}; the harness names them <c>federation_&lt;name&gt;</c>.
/// </summary>
public sealed class BenchmarkFigures
{
    public const string FileVariable = "PLATFORM_BENCHMARK_FIGURES";

    private readonly List<(string Figure, string Value)> _rows = [];
    private readonly List<Figure> _values = [];

    public void Row(string figure, string value) => _rows.Add((figure, value));

    public void Value(string name, double value, string unit) => _values.Add(new Figure(name, Math.Round(value, 3), unit));

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
            File.WriteAllText(path, JsonSerializer.Serialize(_values, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
        }
    }

    private sealed record Figure(string Name, double Value, string Unit);
}
