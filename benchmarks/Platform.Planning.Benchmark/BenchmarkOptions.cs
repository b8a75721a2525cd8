using System.Globalization;

namespace Platform.Planning.Benchmark;

/// <summary>Command line of the benchmark; every size can be lowered for a quick try.</summary>
public sealed record BenchmarkOptions
{
    public const string Usage =
        "usage: Platform.Planning.Benchmark --http URL --grpc URL [--units 2000] [--tasks 40] [--reports 50000]\n" +
        "       [--concurrency 16] [--assign-concurrency 4] [--statistics-calls 2000] [--final-every 10] [--year YYYY]";

    public required Uri Http { get; init; }

    public required Uri Grpc { get; init; }

    public int Units { get; init; } = 2000;

    public int Tasks { get; init; } = 40;

    public int Reports { get; init; } = 50000;

    /// <summary>Callers filing reports at once, and the parallel statistics callers.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Tasks assigned at once.</summary>
    public int AssignConcurrency { get; init; } = 4;

    public int StatisticsCalls { get; init; } = 2000;

    /// <summary>Every n-th assignment's last report is final (0: none).</summary>
    public int FinalEvery { get; init; } = 10;

    public int Year { get; init; } = DateTime.Now.Year;

    public static BenchmarkOptions? Parse(string[] args, TextWriter error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                values[arg[2..equals]] = arg[(equals + 1)..];
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                values[arg[2..]] = args[++i];
            }
            else
            {
                error.WriteLine($"unexpected argument '{arg}'");
                error.WriteLine(Usage);
                return null;
            }
        }

        var problems = new List<string>();
        Uri Url(string name)
        {
            if (values.Remove(name, out var text) && Uri.TryCreate(text, UriKind.Absolute, out var uri))
            {
                return uri;
            }
            problems.Add($"--{name} must be an absolute URL such as http://localhost:5080");
            return new Uri("http://invalid");
        }
        int Number(string name, int fallback, int min)
        {
            if (!values.Remove(name, out var text))
            {
                return fallback;
            }
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min)
            {
                return value;
            }
            problems.Add($"--{name} must be a whole number of at least {min}, got '{text}'");
            return fallback;
        }

        var options = new BenchmarkOptions
        {
            Http = Url("http"),
            Grpc = Url("grpc"),
            Units = Number("units", 2000, 1),
            Tasks = Number("tasks", 40, 1),
            Reports = Number("reports", 50000, 0),
            Concurrency = Number("concurrency", 16, 1),
            AssignConcurrency = Number("assign-concurrency", 4, 1),
            StatisticsCalls = Number("statistics-calls", 2000, 1),
            FinalEvery = Number("final-every", 10, 0),
            Year = Number("year", DateTime.Now.Year, 2000),
        };
        problems.AddRange(values.Keys.Select(k => $"unknown option --{k}"));
        if (problems.Count > 0)
        {
            problems.ForEach(error.WriteLine);
            error.WriteLine(Usage);
            return null;
        }
        return options;
    }
}
