using System.Globalization;

namespace Platform.Assessment.Benchmark;

/// <summary>Command line: where the embedded node answers and keeps its data, and how big the campaign is.</summary>
public sealed record BenchmarkOptions(
    string DataDirectory, Uri Grpc, Uri Http, int Reporters, int Concurrency, int DashboardCalls, int RankingCalls, int FactsPerUnit, int ReviewEvery)
{
    /// <summary>Gansu's 2023 province campaign.</summary>
    public const int FullReporters = 34_144;

    /// <summary>The size of <c>--quick</c>: a twentieth of the province, for a run of about a minute.</summary>
    public const int QuickReporters = 1_707;

    private const string Usage =
        "usage: Platform.Assessment.Benchmark [--quick] [--data ./data] [--grpc http://localhost:5081] [--http http://localhost:5080]\n" +
        "       [--reporters 34144] [--concurrency 16] [--dashboard-calls 300] [--ranking-calls 30] [--facts-per-unit 20] [--review-every 4]";

    public static BenchmarkOptions? Parse(string[] args, TextWriter error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--data"] = "./data",
            ["--grpc"] = "http://localhost:5081",
            ["--http"] = "http://localhost:5080",
            ["--reporters"] = FullReporters.ToString(CultureInfo.InvariantCulture),
            ["--concurrency"] = "16",
            ["--dashboard-calls"] = "300",
            ["--ranking-calls"] = "30",
            ["--facts-per-unit"] = "20",
            ["--review-every"] = "4",
        };
        var quick = false;
        var given = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--quick")
            {
                quick = true;
                continue;
            }
            if (!values.ContainsKey(args[i]) || i + 1 >= args.Length)
            {
                error.WriteLine($"unknown or incomplete option '{args[i]}'");
                error.WriteLine(Usage);
                return null;
            }
            given.Add(args[i]);
            values[args[i]] = args[++i];
        }
        if (quick)
        {
            // --quick only changes what was not given explicitly.
            Default("--reporters", QuickReporters.ToString(CultureInfo.InvariantCulture));
            Default("--dashboard-calls", "100");
            Default("--ranking-calls", "10");
        }
        void Default(string key, string value)
        {
            if (!given.Contains(key))
            {
                values[key] = value;
            }
        }
        int Number(string key, int min) => int.TryParse(values[key], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n
            : throw new ArgumentException($"{key} must be a whole number of at least {min}, got '{values[key]}'");
        try
        {
            return new BenchmarkOptions(
                values["--data"], new Uri(values["--grpc"]), new Uri(values["--http"]),
                Number("--reporters", 100), Number("--concurrency", 1), Number("--dashboard-calls", 1), Number("--ranking-calls", 1),
                Number("--facts-per-unit", 0), Number("--review-every", 0));
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException)
        {
            error.WriteLine(ex.Message);
            error.WriteLine(Usage);
            return null;
        }
    }
}
