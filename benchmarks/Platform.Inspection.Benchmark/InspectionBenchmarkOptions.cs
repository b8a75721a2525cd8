using System.Globalization;

namespace Platform.Inspection.Benchmark;

/// <summary>Command line: where the node is and how big the run is. `--name value` or `--name=value`.</summary>
public sealed record InspectionBenchmarkOptions
{
    public const string Usage =
        "usage: Platform.Inspection.Benchmark --http URL --grpc URL [--batches 200] [--batch-size 100] [--intake-concurrency 4]\n" +
        "       [--findings 100000] [--units 50] [--seed-concurrency 2] [--queries 2000] [--query-concurrency 8]";

    public required Uri Http { get; init; }

    public required Uri Grpc { get; init; }

    public int Batches { get; init; } = 200;

    public int BatchSize { get; init; } = 100;

    public int IntakeConcurrency { get; init; } = 4;

    public int Findings { get; init; } = 100_000;

    public int Units { get; init; } = 50;

    public int SeedConcurrency { get; init; } = 2;

    public int Queries { get; init; } = 2000;

    public int QueryConcurrency { get; init; } = 8;

    public static InspectionBenchmarkOptions? Parse(string[] args, TextWriter error)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var (name, value) = args[i].Split('=', 2) switch
            {
                [var n, var v] when n.StartsWith("--", StringComparison.Ordinal) => (n[2..], v),
                [var n] when n.StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length => (n[2..], args[++i]),
                _ => (string.Empty, string.Empty),
            };
            if (name.Length == 0)
            {
                error.WriteLine($"unexpected argument '{args[i]}'\n{Usage}");
                return null;
            }
            given[name] = value;
        }

        var problems = new List<string>();
        Uri Url(string name) =>
            given.Remove(name, out var text) && Uri.TryCreate(text, UriKind.Absolute, out var uri)
                ? uri
                : Fail<Uri>($"--{name} must be an absolute URL such as http://localhost:5080", new Uri("http://invalid"));
        int Count(string name, int fallback) =>
            !given.Remove(name, out var text) ? fallback
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 ? value
            : Fail($"--{name} must be a whole number of at least 1, got '{text}'", fallback);
        T Fail<T>(string problem, T fallback)
        {
            problems.Add(problem);
            return fallback;
        }

        var options = new InspectionBenchmarkOptions
        {
            Http = Url("http"),
            Grpc = Url("grpc"),
            Batches = Count("batches", 200),
            BatchSize = Count("batch-size", 100),
            IntakeConcurrency = Count("intake-concurrency", 4),
            Findings = Count("findings", 100_000),
            Units = Count("units", 50),
            SeedConcurrency = Count("seed-concurrency", 2),
            Queries = Count("queries", 2000),
            QueryConcurrency = Count("query-concurrency", 8),
        };
        problems.AddRange(given.Keys.Select(k => $"unknown option --{k}"));
        if (options.BatchSize > 1000)
        {
            problems.Add("--batch-size must be at most 1000, the intake's limit");
        }
        if (problems.Count == 0)
        {
            return options;
        }
        problems.ForEach(error.WriteLine);
        error.WriteLine(Usage);
        return null;
    }
}
