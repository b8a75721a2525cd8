using System.Globalization;

namespace Platform.Notification.Benchmark;

/// <summary>Command line; every size can be lowered for a quick try.</summary>
public sealed record BenchmarkOptions
{
    public const string Usage =
        "usage: Platform.Notification.Benchmark [--http http://localhost:5080] [--grpc http://localhost:5081] [--recipients 10000]\n" +
        "       [--deadlines 1000000] [--only fan-out|reminders] [--database PATH]";

    public Uri Http { get; init; } = new("http://localhost:5080");

    public Uri Grpc { get; init; } = new("http://localhost:5081");

    public int Recipients { get; init; } = 10_000;

    public int Deadlines { get; init; } = 1_000_000;

    public bool FanOut { get; init; } = true;

    public bool Reminders { get; init; } = true;

    /// <summary>The SQLite file seeded with the deadlines; a temporary file when not given.</summary>
    public string? Database { get; init; }

    public static BenchmarkOptions? Parse(string[] args, TextWriter error)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i + 1 < args.Length || i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                error.WriteLine($"unexpected argument '{args[i]}'");
                error.WriteLine(Usage);
                return null;
            }
            var value = args[i + 1];
            try
            {
                options = args[i] switch
                {
                    "--http" => options with { Http = new Uri(value) },
                    "--grpc" => options with { Grpc = new Uri(value) },
                    "--recipients" => options with { Recipients = int.Parse(value, CultureInfo.InvariantCulture) },
                    "--deadlines" => options with { Deadlines = int.Parse(value, CultureInfo.InvariantCulture) },
                    "--database" => options with { Database = value },
                    "--only" when value == "fan-out" => options with { Reminders = false },
                    "--only" when value == "reminders" => options with { FanOut = false },
                    _ => throw new FormatException($"unknown option {args[i]} {value}"),
                };
            }
            catch (FormatException ex)
            {
                error.WriteLine(ex.Message);
                error.WriteLine(Usage);
                return null;
            }
        }
        return options;
    }
}
